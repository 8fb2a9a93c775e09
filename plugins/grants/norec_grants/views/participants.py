"""The participants of an approved application: registered with their dates and
organisations, checked against the scheme, their courses followed, their exchanges
completed; the list exported as CSV and XLSX."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    Column,
    Person,
    export_links,
    export_response,
    flash,
    now,
    process_form,
    requested_format,
)
from norec_grants import participants as rules
from norec_grants.forms.participants import ROLES, ParticipantSchema, checked
from norec_grants.i18n import _
from norec_grants.models import Participant
from norec_grants.permissions import MANAGE, PARTICIPANTS, READ
from norec_grants.views.closing import reason_form

T = "norec_grants:templates/"
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
            ParticipantSchema(validator=checked),
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
