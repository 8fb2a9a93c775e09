"""The one rule for the language of everything a person receives: mail, notices,
letters, certificates and PDFs.

The recipient's own choice (their account's language, else their record's language for
correspondence) if the site has that language; otherwise English for someone outside
the agency's country (`norec.home_country`, Norway by default) and the site's default
language for someone in it or whose country is not known.
"""

from __future__ import annotations

from typing import Any

from norec_core.agency import site

HOME_COUNTRY = "NO"
ABROAD = "en"


def home_country(settings) -> str:
    return settings.get("norec.home_country", HOME_COUNTRY).strip().upper()


def default_language(settings) -> str:
    return settings.get("pyramid.default_locale_name", "nb")


def chosen_language(person: Any = None, user: Any = None) -> str | None:
    """The language the recipient chose themselves, if any, whether the site has it or not."""
    for choice in (
        getattr(user, "language", None),
        getattr(person, "correspondence_language", None),
        getattr(getattr(user, "person", None), "correspondence_language", None),
    ):
        if choice:
            return choice
    return None


def recipient_language(
    request, *, person: Any = None, user: Any = None, country: str | None = None
) -> str:
    """The language to write to `person` (a `Person`) or `user` (a `User`) in.

    `country` is where they are when their own record does not say: the organisation a
    contact person writes for (the Nepali partner's contact has an English letter).
    """
    settings = request.registry.settings
    languages = site(request.registry).languages
    chosen = chosen_language(person, user)
    if chosen in languages:
        return chosen
    where = (
        getattr(person, "country", None)
        or getattr(getattr(user, "person", None), "country", None)
        or country
    )
    if where and where.upper() != home_country(settings) and ABROAD in languages:
        return ABROAD
    return default_language(settings)
