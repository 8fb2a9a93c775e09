"""How a publication reads: its text in the reader's language, its authors' names, its
publisher, and which version's files are which (a file is attached to the publication,
its title the number of its version)."""

from __future__ import annotations

from norec_core import files_of, now, site
from norec_research.models import Publication, PublicationText


def publisher(request) -> str:
    """Every publication's publisher: the agency running the site, by its short name."""
    return site(request.registry).short_name


def text_in(publication: Publication, locale: str | None = None) -> PublicationText | None:
    """The text in `locale`, or else the publication's own (its first)."""
    for text in publication.texts:
        if text.language == locale:
            return text
    return publication.texts[0] if publication.texts else None


def title_of(publication: Publication, locale: str | None = None) -> str:
    text = text_in(publication, locale)
    return text.title if text is not None else ""


def author_names(publication: Publication) -> list[str]:
    return [a.person.full_name for a in publication.authors]


def under_embargo(publication: Publication) -> bool:
    return publication.embargo_until is not None and publication.embargo_until > now()


def version_files(request, publication: Publication, number: int) -> list:
    return [f for f in files_of(request, publication) if f.title == str(number)]


def latest(publication: Publication) -> int:
    return publication.versions[-1].number if publication.versions else 1
