"""The form of a post in an international organisation, with the organisation field and
its check that the alerts' and the network's forms share."""

from __future__ import annotations

import colander
import deform
from sqlalchemy import select

from norec_core import (
    CSRFSchema,
    Organisation,
    countries_node,
    country_node,
    date_widget,
    existing_record,
    languages_node,
    line_node,
    moment_node,
    text_language_node,
    translations_node,
)
from norec_multilateral.eligibility import DEGREES
from norec_multilateral.i18n import _
from norec_multilateral.models import RecruitmentRound
from norec_multilateral.rounds import PROGRAMMES


@colander.deferred
def organisation_widget(node, kw):
    request = kw["request"]
    found = request.dbsession.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.kind == "international")
        .order_by(Organisation.name)
    ).all()
    return deform.widget.SelectWidget(values=[("", _("– choose –")), *found])


# The organisations a post, an alert or a member may name: those the list offers.
international_organisation = existing_record(
    Organisation,
    _("Choose an organisation from the list."),
    Organisation.kind == "international",
)


@colander.deferred
def _round_widget(node, kw):
    found = (
        kw["request"]
        .dbsession.execute(
            select(RecruitmentRound.id, RecruitmentRound.title).order_by(
                RecruitmentRound.created_at.desc()
            )
        )
        .all()
    )
    return deform.widget.SelectWidget(values=[("", _("– none –")), *found])


class PostSchema(CSRFSchema):
    programme = colander.SchemaNode(
        colander.String(),
        title=_("Programme"),
        widget=deform.widget.SelectWidget(values=list(PROGRAMMES.items())),
        validator=colander.OneOf(sorted(PROGRAMMES)),
    )
    organisation_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Organisation"),
        widget=organisation_widget,
        validator=international_organisation,
    )
    round_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Recruitment round"),
        missing=None,
        widget=_round_widget,
        validator=existing_record(RecruitmentRound, _("Choose a round from the list.")),
    )
    reserved_on = colander.SchemaNode(
        colander.Date(),
        title=_("Reserved with the organisation on"),
        missing=None,
        widget=date_widget(),
    )
    title = line_node(_("Title"), 300)
    duty_station = line_node(_("Duty station"), 200)
    country = country_node(missing=None)
    grade = line_node(_("Grade"), 20, missing="")
    field = line_node(_("Field of work"), 200, missing="")
    description = colander.SchemaNode(
        colander.String(),
        title=_("Description"),
        missing="",
        validator=colander.Length(max=20000),
        widget=deform.widget.TextAreaWidget(rows=6),
    )
    text_language = text_language_node()
    translations = translations_node(
        {"title": (_("Title"), False), "description": (_("Description"), True)}
    )
    deadline = moment_node(_("Deadline"))
    citizenship = countries_node(_("Citizenship required"), missing=())
    max_age = colander.SchemaNode(
        colander.Integer(),
        title=_("Age limit at the deadline"),
        missing=None,
        validator=colander.Range(18, 80),
    )
    min_degree = colander.SchemaNode(
        colander.String(),
        title=_("Lowest degree"),
        missing=None,
        widget=deform.widget.SelectWidget(values=[("", _("– none –")), *DEGREES.items()]),
        validator=colander.OneOf(sorted(DEGREES)),
    )
    min_experience_years = colander.SchemaNode(
        colander.Integer(),
        title=_("Years of work experience"),
        missing=0,
        validator=colander.Range(0, 40),
    )
    languages = languages_node(_("Languages at working level"), missing=())
    published = colander.SchemaNode(
        colander.Boolean(),
        title=_("Published: candidates see it and apply"),
        missing=False,
        widget=deform.widget.CheckboxWidget(),
    )
