"""The grants plugin's translation domain, and its texts that change with a number."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyramid.i18n import TranslationStringFactory

DOMAIN = "norec_grants"
_ = TranslationStringFactory(DOMAIN)


@dataclass(frozen=True)
class Plural:
    """A text in the singular or plural form the reader's language gives `n` (nynorsk and
    bokmål, like English, have two; other languages more)."""

    singular: str
    plural: str
    n: int
    mapping: dict = field(default_factory=dict)

    def translate(self, localizer) -> str:
        return localizer.pluralize(
            self.singular, self.plural, self.n, domain=DOMAIN, mapping=self.mapping
        )


def ngettext(singular: str, plural: str, n: int, mapping: dict | None = None) -> Plural:
    """Mark a singular and plural pair for translation (the extractor knows the name)."""
    return Plural(singular, plural, n, mapping or {})


def translated(localizer, text) -> str:
    """A translation string or a `Plural`, in the localizer's language."""
    return text.translate(localizer) if isinstance(text, Plural) else localizer.translate(text)


def months_range(request, low: int, high: int) -> str:
    """ "3 to 12 months", as the reader's language says it."""
    text = ngettext(
        "${min} to ${max} month", "${min} to ${max} months", high, {"min": low, "max": high}
    )
    return text.translate(request.localizer)


def months(request, n: int) -> str:
    """ "1 month", "6 months", as the reader's language says it."""
    return ngettext("${n} month", "${n} months", n, {"n": n}).translate(request.localizer)
