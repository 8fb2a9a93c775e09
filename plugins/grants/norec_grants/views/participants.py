"""The participants of an approved application: registered with their dates and
organisations, checked against the scheme, their courses followed, their exchanges
completed; the list exported as CSV and XLSX."""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    Column,
    CSRFSchema,
    Person,
    UnknownFact,
    date_widget,
    email_validator,
    export_links,
    export_response,
    flash,
    name_validator,
    now,
    person_fact,
    process_form,
    requested_format,
)
from norec_grants import participants as rules
from norec_grants.i18n import _, translated
from norec_grants.models import Participant
from norec_grants.permissions import MANAGE, PARTICIPANTS, READ
from norec_grants.views.closing import reason_form

T = "norec_grants:templates/"
ROLES = {"participant": _("Participant"), "leader": _("Leader")}
COURSE_TITLES = {
    "pre_departure_course": _("Pre-departure course"),
    "homecoming_course": _("Homecoming seminar"),
    "leaders_course": _("Leaders' course"),
}
STATUS_TITLES = {
    "attended": _("attended"),
    "registered": _("registered"),
    "waived": _("waived"),
    "missing": _("missing"),
}


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
def _checked(node, kw):
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
            "The scheme's rule «${rule}» is not available on this site; ask Norec.",
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


def _person(request, data) -> Person:
    email = data["email"].strip()
    person = request.dbsession.scalars(select(Person).where(Person.email == email)).first()
    if person is None:
        person = Person(email=email, given_name=data["given_name"], family_name=data["family_name"])
        request.dbsession.add(person)
    if person.birth_date is None and data["birth_date"] is not None:
        person.birth_date = data["birth_date"]
    return person


def _columns(request, course_status):
    layout = request.layout

    def courses(p):
        parts = []
        for course in course_status.get(p.id, []):
            kind, status = COURSE_TITLES[course.kind], STATUS_TITLES[course.status]
            parts.append(f"{layout.translate(kind)}: {layout.translate(status)}")
        return "; ".join(parts)

    return [
        Column(_("Name"), lambda p: f"{p.person.given_name} {p.person.family_name}"),
        Column(_("E-mail"), lambda p: p.person.email),
        Column(_("Role"), lambda p: layout.translate(ROLES[p.role])),
        Column(_("Sending organisation"), lambda p: p.sending.name),
        Column(_("Receiving organisation"), lambda p: p.receiving.name),
        Column(_("Leaves"), lambda p: p.starts_on),
        Column(_("Comes home"), lambda p: p.ends_on),
        Column(_("Courses"), courses),
        Column(_("Completed"), lambda p: p.completed_at),
    ]


@view_config(route_name="grants.participants", renderer=T + "participants.pt", permission=READ)
def participants(application, request):
    query = (
        select(Participant)
        .where(Participant.application_id == application.id)
        .options(
            selectinload(Participant.person),
            selectinload(Participant.sending),
            selectinload(Participant.receiving),
        )
        .order_by(Participant.starts_on, Participant.id)
    )
    found = request.dbsession.scalars(query).all()
    course_status = rules.courses(request, found)
    if requested_format(request):
        return export_response(
            request, query, _columns(request, course_status), f"participants-{application.id}"
        )
    may_add = bool(request.has_permission(PARTICIPANTS, application))
    form = ""
    if may_add:
        result = process_form(
            request,
            ParticipantSchema(validator=_checked),
            bindings={"application": application},
            submit_title=_("Register the participant"),
        )
        if result.valid:
            data = result.data
            application.participants.append(
                Participant(
                    person=_person(request, data),
                    role=data["role"],
                    sending_id=data["sending_id"],
                    receiving_id=data["receiving_id"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                )
            )
            request.dbsession.flush()
            flash(request, _("The participant is registered."))
            return HTTPFound(request.route_path("grants.participants", id=application.id))
        form = result.html
    return {
        "page_title": _("Participants: ${title}", mapping={"title": application.title}),
        "application": application,
        "participants": found,
        "courses": course_status,
        "form": form,
        "manage": request.has_permission(MANAGE),
        "waive_form": lambda p, kind: reason_form(
            request, "grants.course_waive", application, f"{p.id}:{kind}", _("Let off the course")
        ),
        "today": now().date(),
        "exports": export_links(request),
        "roles": ROLES,
        "course_titles": COURSE_TITLES,
        "status_titles": STATUS_TITLES,
    }


def _participant(application, request) -> Participant:
    number = request.POST.get("participant", "")
    found = next((p for p in application.participants if str(p.id) == number), None)
    if found is None:
        raise HTTPNotFound()
    return found


@view_config(route_name="grants.participant_complete", permission=MANAGE, request_method="POST")
def complete(application, request):
    participant = _participant(application, request)
    refused = rules.not_completable(request, participant)
    if refused is not None:
        flash(request, refused, "error")
    else:
        rules.complete(request, participant)
        flash(request, _("The exchange is completed."))
    return HTTPFound(request.route_path("grants.participants", id=application.id))


@view_config(route_name="grants.participant_remove", permission=PARTICIPANTS, request_method="POST")
def remove(application, request):
    participant = _participant(application, request)
    if participant.completed_at is not None:
        flash(request, _("A completed exchange stays on record."), "error")
    else:
        application.participants.remove(participant)
        flash(request, _("The participant is removed."))
    return HTTPFound(request.route_path("grants.participants", id=application.id))
