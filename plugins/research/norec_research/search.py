"""What the site search holds of a publication: only published ones, with every text in
every language, the authors, and the words of their files once the embargo is over."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from norec_core import SearchDocument, SearchSource, attached_text
from norec_research.i18n import _
from norec_research.models import Author, Publication
from norec_research.reading import author_names


def document(publication: Publication) -> SearchDocument | None:
    if publication.state != "published" or not publication.texts:
        return None
    first = publication.texts[0]
    words = [
        part
        for text in publication.texts
        for part in (text.title, text.summary, text.abstract)
        if part
    ]
    return SearchDocument(
        title=first.title,
        summary=first.summary[:500],
        text="\n".join([*words[1:], *author_names(publication), attached_text(publication)]),
        language=first.language,
        date=publication.published_on,
        facets={
            "publication_type": publication.type,
            "topic": publication.topics,
            "sdg": [str(n) for n in publication.sdgs],
            "country": publication.countries,
            "language": [t.language for t in publication.texts],
        },
    )


SOURCE = SearchSource(
    name="research.publication",
    title=_("Publications"),
    model=Publication,
    document=document,
    route="research.publication",
    options=(
        selectinload(Publication.texts),
        selectinload(Publication.authors).selectinload(Author.person),
    ),
    facets={
        "publication_type": _("Type of publication"),
        "topic": _("Topic"),
        "sdg": _("Sustainable Development Goal"),
    },
)
