"""ISO 3166 countries and ISO 639 languages, named in the reader's language."""

from __future__ import annotations

import functools
import gettext

import pycountry

# pycountry's catalogues are named by its own locale names.
_PYCOUNTRY_LOCALES = {"nb": "nb_NO", "nn": "nn"}

COUNTRY_CODES = frozenset(c.alpha_2 for c in pycountry.countries)
LANGUAGE_CODES = frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


@functools.cache
def _translation(domain: str, locale_name: str) -> gettext.NullTranslations:
    lang = _PYCOUNTRY_LOCALES.get(locale_name)
    if lang is None:
        return gettext.NullTranslations()
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)


@functools.cache
def country_names(locale_name: str) -> dict[str, str]:
    translate = _translation("iso3166-1", locale_name).gettext
    names = {c.alpha_2: translate(getattr(c, "common_name", c.name)) for c in pycountry.countries}
    return dict(sorted(names.items(), key=lambda item: _collation_key(item[1])))


@functools.cache
def language_names(locale_name: str) -> dict[str, str]:
    translate = _translation("iso639-3", locale_name).gettext
    names = {
        lang.alpha_2: translate(lang.name)
        for lang in pycountry.languages
        if hasattr(lang, "alpha_2")
    }
    return dict(sorted(names.items(), key=lambda item: _collation_key(item[1])))


def country_name(code: str | None, locale_name: str) -> str:
    return country_names(locale_name).get(code, code or "")


def language_name(code: str, locale_name: str) -> str:
    return language_names(locale_name).get(code, code)


# Norwegian alphabet order puts Æ, Ø, Å last; a plain sort would file Østerrike under O.
_NORWEGIAN_TAIL = {"æ": "{0", "ø": "{1", "å": "{2"}


def _collation_key(name: str) -> str:
    return "".join(_NORWEGIAN_TAIL.get(ch, ch) for ch in name.casefold())
