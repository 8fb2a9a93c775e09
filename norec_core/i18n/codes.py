"""ISO 3166 countries and ISO 639 languages, named in the reader's language: CLDR's names
(through Babel) where it has them, pycountry's translations of the ISO lists else."""

from __future__ import annotations

import functools
import gettext

import pycountry
from babel import Locale, UnknownLocaleError

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
def _cldr(locale_name: str) -> Locale | None:
    try:
        return Locale.parse(locale_name)
    except (UnknownLocaleError, ValueError):
        return None


def _capitalised(name: str) -> str:
    # CLDR writes Norwegian language names in lower case, as running text does; in a
    # list or after a comma they begin with a capital, like the country names.
    return name[:1].upper() + name[1:]


@functools.cache
def country_names(locale_name: str) -> dict[str, str]:
    translate = _translation("iso3166-1", locale_name).gettext
    cldr = _cldr(locale_name)
    territories = cldr.territories if cldr is not None else {}
    names = {
        c.alpha_2: territories.get(c.alpha_2) or translate(getattr(c, "common_name", c.name))
        for c in pycountry.countries
    }
    return dict(sorted(names.items(), key=lambda item: _collation_key(item[1])))


@functools.cache
def language_names(locale_name: str) -> dict[str, str]:
    translate = _translation("iso639-3", locale_name).gettext
    cldr = _cldr(locale_name)
    spoken = cldr.languages if cldr is not None else {}
    names = {
        lang.alpha_2: _capitalised(spoken.get(lang.alpha_2) or translate(lang.name))
        for lang in pycountry.languages
        if hasattr(lang, "alpha_2")
    }
    return dict(sorted(names.items(), key=lambda item: _collation_key(item[1])))


def country_name(code: str | None, locale_name: str) -> str:
    return country_names(locale_name).get(code, code or "")


def language_name(code: str, locale_name: str) -> str:
    """The ISO 639 language `code` named in `locale_name`'s language ("fr" in nb: "Fransk")."""
    return language_names(locale_name).get(code, code)


# Norwegian alphabet order puts Æ, Ø, Å last; a plain sort would file Østerrike under O.
_NORWEGIAN_TAIL = {"æ": "{0", "ø": "{1", "å": "{2"}


def _collation_key(name: str) -> str:
    return "".join(_NORWEGIAN_TAIL.get(ch, ch) for ch in name.casefold())
