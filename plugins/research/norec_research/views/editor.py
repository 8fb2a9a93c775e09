"""The editors' forms: a publication's description (texts in up to two languages,
authors, organisations, topics, goals, countries, licence, links, embargo), and its files
and versions."""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select

from norec_core import (
    SITE_TIMEZONE,
    Activity,
    CSRFSchema,
    Organisation,
    Partnership,
    Person,
    UploadError,
    attach,
    countries_node,
    date_widget,
    datetime_widget,
    embargo_files,
    flash,
    line_validator,
    now,
    process_form,
    reindex,
    upload_node,
)
from norec_research import reading
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
from norec_research.vocabularies import FILE_SIZE, FILE_TYPES, LICENCES, SDGS, TOPICS, TYPES

FORM = "norec_core:templates/form.pt"
SUFFIXES = ("", "_2", "_3")  # a publication's texts: its own language, and two more
SUBJECTS = (
    ("partnership", Partnership, _("About these partnerships")),
    ("activity", Activity, _("About these activities")),
)


@colander.deferred
def _language_widget(node, kw):
    names = kw["request"].layout.language_names
    return deform.widget.SelectWidget(values=[("", _("– choose –")), *names.items()])


def _choices(id_column, label_column, *, multiple=False, size=None, empty=None):
    """A select of the rows of a table, read when the form is made."""

    @colander.deferred
    def widget(node, kw):
        query = select(id_column, label_column).order_by(label_column)
        found = kw["request"].dbsession.execute(query).all()
        values = found if empty is None else [("", empty), *found]
        return deform.widget.SelectWidget(values=values, multiple=multiple, size=size)

    return widget


_organisations = _choices(Organisation.id, Organisation.name, multiple=True, size=8)
_funder = _choices(Organisation.id, Organisation.name, empty=_("– none –"))


def _text(title, length=None, **kw):
    validator = line_validator(length) if length else colander.Length(max=20000)
    widget = None if length else deform.widget.TextAreaWidget(rows=5)
    return colander.SchemaNode(
        colander.String(), title=title, validator=validator, widget=widget, **kw
    )


def _authors(request):
    def check(node, value):
        missing = [
            line
            for line in value
            if request.dbsession.scalar(
                select(Person.id).where(func.lower(Person.email) == line.lower())
            )
            is None
        ]
        if missing:
            raise colander.Invalid(
                node,
                _(
                    "Nobody on record has the address ${addresses}. Add the person first.",
                    mapping={"addresses": ", ".join(missing)},
                ),
            )

    return check


class Lines(colander.SchemaType):
    """One entry per line, empty lines left out."""

    def serialize(self, node, appstruct):
        return colander.null if appstruct is colander.null else "\n".join(appstruct)

    def deserialize(self, node, cstruct):
        if cstruct is colander.null:
            return colander.null
        return [line.strip() for line in str(cstruct).splitlines() if line.strip()]


def _links(node, value):
    for line in value:
        url = line.rpartition("|")[2].strip()
        if not url.startswith(("https://", "http://")):
            raise colander.Invalid(node, _("Each line: a title, a bar ( | ) and an address."))


def schema(request) -> CSRFSchema:
    found = CSRFSchema(validator=_second_text)
    found.add(
        colander.SchemaNode(
            colander.String(),
            name="type",
            title=_("Type"),
            widget=deform.widget.SelectWidget(values=list(TYPES.items())),
            validator=colander.OneOf(sorted(TYPES)),
        )
    )
    for suffix, title in zip(
        SUFFIXES, (_("Language"), _("Second language"), _("Third language")), strict=True
    ):
        extra = {} if not suffix else {"missing": ""}
        found.add(
            colander.SchemaNode(
                colander.String(),
                name=f"language{suffix}",
                title=title,
                widget=_language_widget,
                **extra,
            )
        )
        found.add(_text(_("Title"), 500, name=f"title{suffix}", **extra))
        found.add(_text(_("Summary in plain language"), name=f"summary{suffix}", missing=""))
        found.add(_text(_("Abstract"), name=f"abstract{suffix}", missing=""))
    found.add(
        colander.SchemaNode(
            Lines(),
            name="authors",
            title=_("Authors"),
            description=_("The e-mail address of each, one a line, in the order of the byline."),
            missing=[],
            validator=_authors(request),
            widget=deform.widget.TextAreaWidget(rows=3),
        )
    )
    found.add(
        colander.SchemaNode(
            colander.Set(),
            name="contributors",
            title=_("Contributing organisations"),
            missing=set(),
            widget=_organisations,
        )
    )
    found.add(
        colander.SchemaNode(
            colander.Integer(), name="funder", title=_("Funded by"), missing=None, widget=_funder
        )
    )
    for kind, model, title in SUBJECTS:
        found.add(
            colander.SchemaNode(
                colander.Set(),
                name=kind,
                title=title,
                description=_("Their pages show this publication as research about them."),
                missing=set(),
                widget=_choices(model.id, model.title, multiple=True, size=6),
            )
        )
    found.add(_text(_("Grant reference"), 200, name="grant_reference", missing=""))
    found.add(
        colander.SchemaNode(
            colander.Set(),
            name="topics",
            title=_("Topics"),
            missing=set(),
            widget=deform.widget.CheckboxChoiceWidget(values=list(TOPICS.items())),
            validator=colander.ContainsOnly(sorted(TOPICS)),
        )
    )
    found.add(
        colander.SchemaNode(
            colander.Set(),
            name="sdgs",
            title=_("Sustainable Development Goals"),
            missing=set(),
            widget=deform.widget.CheckboxChoiceWidget(
                values=[(str(n), t) for n, t in SDGS.items()]
            ),
            validator=colander.ContainsOnly([str(n) for n in SDGS]),
        )
    )
    found.add(countries_node(name="countries", missing=set()))
    found.add(
        colander.SchemaNode(
            colander.Date(),
            name="published_on",
            title=_("Publication date"),
            description=_("Empty: the day it is published."),
            missing=None,
            widget=date_widget(),
        )
    )
    found.add(
        colander.SchemaNode(
            colander.String(),
            name="licence",
            title=_("Licence"),
            widget=deform.widget.SelectWidget(values=[(k, v[0]) for k, v in LICENCES.items()]),
            validator=colander.OneOf(sorted(LICENCES)),
        )
    )
    found.add(
        colander.SchemaNode(
            Lines(),
            name="links",
            title=_("Links"),
            description=_("A video or a page elsewhere: a title, a bar ( | ) and the address."),
            missing=[],
            validator=_links,
            widget=deform.widget.TextAreaWidget(rows=2),
        )
    )
    found.add(_text("DOI", 200, name="doi", missing=""))
    found.add(
        colander.SchemaNode(
            colander.DateTime(default_tzinfo=SITE_TIMEZONE),
            name="embargo_until",
            title=_("Embargo until"),
            description=_("The files open by themselves at this moment (Norwegian time)."),
            missing=None,
            widget=datetime_widget(),
        )
    )
    return found


def _second_text(form, value):
    """Each further language needs its title, and no language comes twice."""
    error = colander.Invalid(form)
    seen = {value["language"]}
    for suffix in SUFFIXES[1:]:
        language = value[f"language{suffix}"]
        if not language:
            continue
        if not value[f"title{suffix}"]:
            error[f"title{suffix}"] = _("This language needs its title.")
        elif language in seen:
            error[f"language{suffix}"] = _("This language is chosen already.")
        seen.add(language)
    if error.children:
        raise error


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
    result = process_form(request, schema(request), appstruct=appstruct, formid="publication")
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


class FileSchema(CSRFSchema):
    upload = upload_node(_("File (PDF and others, at most 50 MB)"), FILE_TYPES, FILE_SIZE)
    new_version = colander.SchemaNode(
        colander.Boolean(),
        title=_("A new version: the earlier ones stay as they are"),
        missing=False,
        widget=deform.widget.CheckboxWidget(),
    )
    note = colander.SchemaNode(
        colander.String(),
        title=_("What changed"),
        missing="",
        validator=line_validator(500),
    )


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
        upload = data["upload"]
        try:
            attach(
                request,
                publication,
                upload["filename"],
                upload["fp"].read(),
                allowed=FILE_TYPES,
                max_size=FILE_SIZE,
                read_permission=READ,
                edit_permission=EDIT,
                embargo_until=publication.embargo_until,
                title=str(reading.latest(publication)),
            )
        except UploadError as refused:  # checked by the field already; kept for a race
            flash(request, refused.message, "error")
        else:
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
