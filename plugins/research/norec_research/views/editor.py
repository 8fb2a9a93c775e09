"""The editors' pages: a publication's description saved from its form (`forms.py`), and
its files and versions."""

from __future__ import annotations

import colander
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select

from norec_core import (
    Person,
    attach_upload,
    embargo_files,
    flash,
    now,
    process_form,
    reindex,
)
from norec_research import reading
from norec_research.forms import SUBJECTS, SUFFIXES, FileSchema, publication_schema
from norec_research.i18n import _
from norec_research.models import (
    Author,
    Publication,
    PublicationOrganisation,
    PublicationText,
    Subject,
    Version,
)
from norec_research.permissions import EDIT, READ
from norec_research.vocabularies import FILES

FORM = "norec_core:templates/form.pt"


def _appstruct(publication: Publication) -> dict:
    found = {
        "type": publication.type,
        "authors": [a.person.email for a in publication.authors],
        "contributors": {
            str(o.organisation_id) for o in publication.organisations if o.role == "contributor"
        },
        "topics": set(publication.topics),
        "sdgs": {str(n) for n in publication.sdgs},
        "countries": set(publication.countries),
        "licence": publication.licence,
        "links": [f"{link['title']} | {link['url']}" for link in publication.links],
        "doi": publication.doi or "",
    }
    for kind, _model, _title in SUBJECTS:
        found[kind] = {str(s.record_id) for s in publication.subjects if s.kind == kind}
    for key in ("published_on", "embargo_until"):
        if getattr(publication, key) is not None:
            found[key] = getattr(publication, key)
    funder = next((o for o in publication.organisations if o.role == "funder"), None)
    if funder is not None:
        found |= {"funder": funder.organisation_id, "grant_reference": funder.grant_reference}
    for suffix, text in zip(SUFFIXES, publication.texts, strict=False):
        found |= {
            f"language{suffix}": text.language,
            f"title{suffix}": text.title,
            f"summary{suffix}": text.summary,
            f"abstract{suffix}": text.abstract,
        }
    return found


def _save(request, publication: Publication, data: dict) -> None:
    session = request.dbsession
    publication.type, publication.licence = data["type"], data["licence"]
    publication.topics = sorted(data["topics"])
    publication.sdgs = sorted(int(n) for n in data["sdgs"])
    publication.countries = sorted(data["countries"])
    publication.published_on = data["published_on"]
    moved = publication.id is not None and publication.embargo_until != data["embargo_until"]
    publication.embargo_until = data["embargo_until"]
    publication.doi = data["doi"] or None
    publication.links = [
        {"title": line.rpartition("|")[0].strip(), "url": line.rpartition("|")[2].strip()}
        for line in data["links"]
    ]
    # Old rows go first: a text's language and a subject are unique per publication.
    publication.texts, publication.subjects = [], []
    session.flush()
    publication.texts = [
        PublicationText(
            language=data[f"language{s}"],
            position=n,
            title=data[f"title{s}"],
            summary=data[f"summary{s}"],
            abstract=data[f"abstract{s}"],
        )
        for n, s in enumerate(SUFFIXES)
        if data[f"language{s}"]
    ]
    publication.authors = [
        Author(
            person_id=session.scalar(
                select(Person.id).where(func.lower(Person.email) == e.lower())
            ),
            position=n,
        )
        for n, e in enumerate(data["authors"])
    ]
    organisations = [
        PublicationOrganisation(organisation_id=int(i), role="contributor")
        for i in sorted(data["contributors"], key=int)
    ]
    if data["funder"] is not None:
        organisations.append(
            PublicationOrganisation(
                organisation_id=data["funder"],
                role="funder",
                grant_reference=data["grant_reference"],
            )
        )
    publication.organisations = organisations
    publication.subjects = [
        Subject(kind=kind, record_id=int(record))
        for kind, _model, _title in SUBJECTS
        for record in sorted(data[kind], key=int)
    ]
    publication.updated_at = now()  # what harvesters see as the record's last change
    session.flush()
    if moved:  # the files follow the embargo, and their words the search
        embargo_files(request, publication, publication.embargo_until)
        reindex(session, publication)


def _form(request, publication: Publication | None):
    appstruct = _appstruct(publication) if publication is not None else colander.null
    result = process_form(
        request, publication_schema(request), appstruct=appstruct, formid="publication"
    )
    if result.valid:
        if publication is None:
            publication = Publication()
            request.dbsession.add(publication)
        _save(request, publication, result.data)
        flash(request, _("The publication is saved."))
        return HTTPFound(request.route_path("research.publication", id=publication.id))
    return {
        "page_title": reading.title_of(publication) if publication else _("New publication"),
        "form": result.html,
    }


@view_config(route_name="research.new", renderer=FORM, permission=EDIT)
def new(request):
    return _form(request, None)


@view_config(route_name="research.edit", renderer=FORM, permission=EDIT)
def edit(publication, request):
    return _form(request, publication)


@view_config(
    route_name="research.files", renderer="norec_research:templates/files.pt", permission=EDIT
)
def files(publication, request):
    result = process_form(request, FileSchema(), submit_title=_("Upload"), formid="file")
    if result.valid:
        data = result.data
        if data["new_version"] or not publication.versions:
            number = reading.latest(publication) + 1 if publication.versions else 1
            publication.versions.append(Version(number=number, note=data["note"]))
            request.dbsession.flush()
        if attach_upload(
            request,
            publication,
            data["upload"],
            FILES,
            read_permission=READ,
            edit_permission=EDIT,
            embargo_until=publication.embargo_until,
            title=str(reading.latest(publication)),
        ):
            flash(request, _("The file is added."))
        return HTTPFound(request.route_path("research.files", id=publication.id))
    return {
        "page_title": _(
            "Files and versions: ${title}", mapping={"title": reading.title_of(publication)}
        ),
        "publication": publication,
        "versions": [
            (v, reading.version_files(request, publication, v.number))
            for v in reversed(publication.versions)
        ],
        "form": result.html,
    }
