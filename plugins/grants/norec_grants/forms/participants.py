"""The participant form, checked against the scheme's rules (age, dates, the facts it
requires) at the fields they concern."""

from __future__ import annotations

import colander
import deform
from sqlalchemy import select

from norec_core import (
    CSRFSchema,
    Person,
    UnknownFact,
    date_widget,
    email_validator,
    name_validator,
    person_fact,
)
from norec_grants import participants as rules
from norec_grants.i18n import _, translated

ROLES = {"participant": _("Participant"), "leader": _("Leader")}


@colander.deferred
def _organisations(node, kw):
    orgs = kw["application"].partnership.organisations
    return deform.widget.SelectWidget(values=[(str(o.id), o.name) for o in orgs])


@colander.deferred
def _partner(node, kw):
    return colander.OneOf([o.id for o in kw["application"].partnership.organisations])


class ParticipantSchema(CSRFSchema):
    email = colander.SchemaNode(colander.String(), title=_("E-mail"), validator=email_validator)
    given_name = colander.SchemaNode(
        colander.String(), title=_("Given name"), validator=name_validator(200)
    )
    family_name = colander.SchemaNode(
        colander.String(), title=_("Family name"), validator=name_validator(200)
    )
    birth_date = colander.SchemaNode(
        colander.Date(), title=_("Date of birth"), widget=date_widget(), missing=None
    )
    role = colander.SchemaNode(
        colander.String(),
        title=_("Role"),
        widget=deform.widget.RadioChoiceWidget(values=list(ROLES.items())),
        validator=colander.OneOf(list(ROLES)),
        default="participant",
    )
    sending_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Sending organisation"),
        widget=_organisations,
        validator=_partner,
    )
    receiving_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Receiving organisation"),
        widget=_organisations,
        validator=_partner,
    )
    starts_on = colander.SchemaNode(colander.Date(), title=_("Leaves"), widget=date_widget())
    ends_on = colander.SchemaNode(colander.Date(), title=_("Comes home"), widget=date_widget())


@colander.deferred
def checked(node, kw):
    application, request = kw["application"], kw["request"]

    def validate(node, value):
        error = colander.Invalid(node)
        if value["sending_id"] == value["receiving_id"]:
            error["receiving_id"] = request.localizer.translate(
                _("An organisation cannot receive its own participants: choose the partner.")
            )
        if value["role"] == "participant" and value["birth_date"] is None:
            error["birth_date"] = request.localizer.translate(
                _("The scheme's age limits need the participant's date of birth.")
            )
        found = rules.problems(
            application, value["role"], value["birth_date"], value["starts_on"], value["ends_on"]
        )
        for field, message in found.items():
            error[field] = translated(request.localizer, message)
        refused = _fact_refused(request, application, value["email"])
        if refused is not None:
            error["email"] = request.localizer.translate(refused)
        if error.children:
            raise error

    return validate


def _fact_refused(request, application, email):
    fact = application.call.scheme.eligibility_fact
    if not fact:
        return None
    try:
        condition = person_fact(request, fact)
    except UnknownFact:
        return _(
            "The scheme's rule «${rule}» is not available on this site; ask ${agency}.",
            mapping={"rule": fact},
        )
    held = request.dbsession.scalar(
        select(Person.id).where(Person.email == email.strip(), condition)
    )
    if held is None:
        facts = request.registry.get("norec.person_facts", {})
        title = facts[fact].title if fact in facts else fact
        return _("The scheme is for people who meet the rule «${rule}».", mapping={"rule": title})
    return None
