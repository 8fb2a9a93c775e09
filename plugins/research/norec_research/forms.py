"""The research plugin's forms: a publication's description (texts in up to three
languages, authors, organisations, topics, goals, countries, licence, links, embargo), a
file with its version; a commission, a proposal for it, and a proposal's assessment."""

from __future__ import annotations

import colander
import deform
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core import (
    SITE_CURRENCY,
    Activity,
    CSRFSchema,
    Organisation,
    Partnership,
    Person,
    amount_node,
    choice_node,
    countries_node,
    country_node,
    currency_validator,
    date_node,
    existing_record,
    line_node,
    line_validator,
    moment_node,
    text_node,
    upload_node,
)
from norec_research import commissions, reading
from norec_research.i18n import _
from norec_research.models import Publication
from norec_research.vocabularies import FILES, LICENCES, SDGS, TOPICS, TYPES

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


def publication_schema(request) -> CSRFSchema:
    """A publication's description, in the order an editor fills it in: its texts, who
    made and funded it, what it is about, and how it is released."""
    found = CSRFSchema(validator=_second_text)
    for nodes in (_texts(), _makers(request), _subjects(), _release()):
        for node in nodes:
            found.add(node)
    return found


def _texts():
    yield choice_node(_("Type"), TYPES, name="type")
    for suffix, title in zip(
        SUFFIXES, (_("Language"), _("Second language"), _("Third language")), strict=True
    ):
        extra = {} if not suffix else {"missing": ""}
        yield colander.SchemaNode(
            colander.String(),
            name=f"language{suffix}",
            title=title,
            widget=_language_widget,
            **extra,
        )
        yield line_node(_("Title"), 500, name=f"title{suffix}", **extra)
        yield text_node(_("Summary in plain language"), name=f"summary{suffix}", missing="")
        yield text_node(_("Abstract"), name=f"abstract{suffix}", missing="")


def _makers(request):
    yield colander.SchemaNode(
        Lines(),
        name="authors",
        title=_("Authors"),
        description=_("The e-mail address of each, one a line, in the order of the byline."),
        missing=[],
        validator=_authors(request),
        widget=deform.widget.TextAreaWidget(rows=3),
    )
    yield colander.SchemaNode(
        colander.Set(),
        name="contributors",
        title=_("Contributing organisations"),
        missing=set(),
        widget=_organisations,
    )
    yield colander.SchemaNode(
        colander.Integer(),
        name="funder",
        title=_("Funded by"),
        missing=None,
        widget=_funder,
        validator=existing_record(Organisation, _("Choose an organisation from the list.")),
    )
    for kind, model, title in SUBJECTS:
        yield colander.SchemaNode(
            colander.Set(),
            name=kind,
            title=title,
            description=_("Their pages show this publication as research about them."),
            missing=set(),
            widget=_choices(model.id, model.title, multiple=True, size=6),
        )
    yield line_node(_("Grant reference"), 200, name="grant_reference", missing="")


def _subjects():
    yield colander.SchemaNode(
        colander.Set(),
        name="topics",
        title=_("Topics"),
        missing=set(),
        widget=deform.widget.CheckboxChoiceWidget(values=list(TOPICS.items())),
        validator=colander.ContainsOnly(sorted(TOPICS)),
    )
    yield colander.SchemaNode(
        colander.Set(),
        name="sdgs",
        title=_("Sustainable Development Goals"),
        missing=set(),
        widget=deform.widget.CheckboxChoiceWidget(values=[(str(n), t) for n, t in SDGS.items()]),
        validator=colander.ContainsOnly([str(n) for n in SDGS]),
    )
    yield countries_node(name="countries", missing=set())


def _release():
    yield date_node(
        _("Publication date"),
        name="published_on",
        description=_("Empty: the day it is published."),
        missing=None,
    )
    yield choice_node(_("Licence"), [(k, v[0]) for k, v in LICENCES.items()], name="licence")
    yield colander.SchemaNode(
        Lines(),
        name="links",
        title=_("Links"),
        description=_("A video or a page elsewhere: a title, a bar ( | ) and the address."),
        missing=[],
        validator=_links,
        widget=deform.widget.TextAreaWidget(rows=2),
    )
    yield line_node("DOI", 200, name="doi", missing="")
    yield moment_node(
        _("Embargo until"),
        name="embargo_until",
        description=_("The files open by themselves at this moment."),
        missing=None,
    )


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


class FileSchema(CSRFSchema):
    upload = upload_node(_("File (PDF and others, at most 50 MB)"), FILES)
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


def _currency():
    return colander.SchemaNode(
        colander.String(), title=_("Currency"), default=SITE_CURRENCY, validator=currency_validator
    )


@colander.deferred
def _partner(node, kw):
    found = (
        kw["request"]
        .dbsession.execute(select(Organisation.id, Organisation.name).order_by(Organisation.name))
        .all()
    )
    return deform.widget.SelectWidget(values=[("", _("– none –")), *found])


@colander.deferred
def _reports(node, kw):
    request = kw["request"]
    found = request.dbsession.scalars(
        select(Publication).options(selectinload(Publication.texts)).order_by(Publication.id)
    ).all()
    values = [(p.id, reading.title_of(p, request.locale_name)) for p in found]
    return deform.widget.SelectWidget(values=[("", _("– none yet –")), *values])


class CommissionSchema(CSRFSchema):
    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=line_validator(300))
    call = colander.SchemaNode(
        colander.String(),
        title=_("The call"),
        description=_("What is asked, of whom, and how proposals are assessed."),
        validator=colander.Length(min=1, max=20000),
        widget=deform.widget.TextAreaWidget(rows=8),
    )
    partner_id = colander.SchemaNode(
        colander.Integer(),
        title=_("With"),
        missing=None,
        widget=_partner,
        validator=existing_record(Organisation, _("Choose an organisation from the list.")),
    )
    deadline = moment_node(_("Deadline"))
    budget = amount_node(_("Budget"))
    currency = _currency()
    published = colander.SchemaNode(
        colander.Boolean(),
        title=_("Published: open to proposals"),
        missing=False,
        widget=deform.widget.CheckboxWidget(),
    )
    report_id = colander.SchemaNode(
        colander.Integer(),
        title=_("The resulting report"),
        missing=None,
        widget=_reports,
        validator=existing_record(Publication, _("Choose a publication from the list.")),
    )


class ProposalSchema(CSRFSchema):
    organisation_name = colander.SchemaNode(
        colander.String(), title=_("Your organisation"), validator=line_validator(300)
    )
    country = country_node(missing=None)
    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=line_validator(300))
    summary = colander.SchemaNode(
        colander.String(),
        title=_("Summary"),
        description=_("The question, the method, the team and the time plan, in short."),
        validator=colander.Length(min=1, max=6000),
        widget=deform.widget.TextAreaWidget(rows=8),
    )
    budget = amount_node(_("Budget asked for"))
    currency = _currency()
    upload = upload_node(
        _("The proposal (PDF, at most 20 MB)"),
        commissions.PROPOSAL_FILES,
    )


class AssessmentSchema(CSRFSchema):
    score = colander.SchemaNode(
        colander.Integer(), title=_("Score (1 to 5)"), validator=colander.Range(1, 5)
    )
    assessment = colander.SchemaNode(
        colander.String(),
        title=_("Assessment (internal)"),
        description=_("Never shown to the proposer."),
        missing="",
        validator=colander.Length(max=10000),
        widget=deform.widget.TextAreaWidget(rows=5),
    )
    state = colander.SchemaNode(
        colander.String(),
        title=_("Decision"),
        missing="submitted",
        widget=deform.widget.RadioChoiceWidget(
            values=[
                (k, commissions.PROPOSAL_STATES[k]) for k in ("submitted", *commissions.DECISIONS)
            ]
        ),
        validator=colander.OneOf(["submitted", *commissions.DECISIONS]),
    )
