"""Activities and the registrations for them."""

from __future__ import annotations

import datetime
import zoneinfo
from functools import partial

from pyramid.httpexceptions import HTTPBadRequest, HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import clock
from norec_core.agency import site
from norec_core.documents import pdf_response, render_pdf
from norec_core.domain import registrations
from norec_core.domain.activity_schemas import ActivitySchema
from norec_core.domain.calendar import activities_calendar
from norec_core.domain.models import Activity, Organisation, Registration
from norec_core.domain.registrations import ATTENDANCE
from norec_core.domain.serialisation import ACTIVITY_FIELDS
from norec_core.domain.views.editing import edit_page
from norec_core.exports import Column, export_links, export_response, requested_format
from norec_core.i18n import _, localizer_for
from norec_core.i18n.recipients import recipient_language
from norec_core.i18n.texts import translations_from_form, translations_to_form
from norec_core.layout import flash
from norec_core.lists import paginate, search_filter, search_words, select_filter
from norec_core.notices.notify import notify
from norec_core.security import (
    ACCOUNT,
    ATTENDANCE_RECORD,
    DIRECTORY_EDIT,
    PERSON_VIEW,
    REGISTRATION_EDIT,
    VIEW,
)

WHEN = {"upcoming": _("Upcoming"), "past": _("Past"), "all": _("All")}


EXPORT_COLUMNS = [
    Column(_("Title"), lambda r: r[0].title),
    Column(_("Kind"), lambda r: r[0].kind),
    Column(_("Starts"), lambda r: r[0].starts_at),
    Column(_("Ends"), lambda r: r[0].ends_at),
    Column(_("Time zone"), lambda r: r[0].timezone),
    Column(_("Place"), lambda r: r[0].place),
    Column(_("Country of the venue"), lambda r: r[0].country),
    Column(_("Seats"), lambda r: r[0].capacity),
    Column(_("Organiser"), lambda r: r[1]),
]


@view_config(
    route_name="activities",
    renderer="norec_core:templates/activities/list.pt",
    permission=VIEW,
    page_cache=True,
)
def activity_list(request):
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    when = request.GET.get("when", "upcoming")
    kinds = request.registry["norec.activity_kinds"]
    now = clock.now()
    query = select(Activity)
    if q:
        query = search_words(query, q, Activity.title, Activity.place)
    if kind:
        query = query.where(Activity.kind == kind)
    if when == "past":
        query = query.where(Activity.ends_at < now).order_by(Activity.starts_at.desc())
    elif when == "all":
        query = query.order_by(Activity.starts_at.desc())
    else:
        when = "upcoming"
        query = query.where(Activity.ends_at >= now).order_by(Activity.starts_at)
    query = query.order_by(Activity.id)
    if requested_format(request):
        organiser = (
            select(Organisation.name)
            .where(Organisation.id == Activity.organisation_id)
            .scalar_subquery()
        )
        export = query.add_columns(organiser)
        return export_response(request, export, EXPORT_COLUMNS, "activities", scalars=False)
    return {
        "page_title": _("Activities"),
        "page": paginate(request, query.options(selectinload(Activity.organisation))),
        "exports": export_links(request),
        "kinds": kinds,
        "filters": [
            search_filter(_("Title or place"), q),
            select_filter("kind", _("Kind"), {k.name: k.title for k in kinds.values()}, kind),
            {**select_filter("when", _("When"), WHEN, when), "required": True},
        ],
    }


# A feed shows what is coming and what just happened, as calendar applications expect.
FEED_PAST = datetime.timedelta(days=30)
FEED_SIZE = 500


@view_config(route_name="activities.ics", permission=VIEW)
def activity_feed(request):
    """The activities of some kinds (`kind` repeated: a network's gatherings and webinars)
    and a country as iCalendar, for calendar applications."""
    kinds = [k[:50] for k in request.GET.getall("kind") if k][:10]
    country = request.GET.get("country", "").upper()
    query = select(Activity).where(Activity.ends_at >= clock.now() - FEED_PAST)
    # The calendar's name as a person reads it in their calendar application: the
    # kinds' and the country's names, in the reader's language, not their codes.
    title = site(request.registry).short_name_in(request.locale_name)
    layout = request.layout
    if kinds:
        query = query.where(Activity.kind.in_(kinds))
        known = request.registry["norec.activity_kinds"]
        names = [layout.translate(known[k].title) for k in kinds if k in known]
        title += f" – {', '.join(names)}" if names else ""
    if country:
        query = query.where(Activity.country == country)
        title += f" – {layout.country(country)}"
    activities = request.dbsession.scalars(query.order_by(Activity.starts_at).limit(FEED_SIZE))
    response = request.response
    response.content_type, response.charset = "text/calendar", "utf-8"
    response.content_disposition = 'inline; filename="norec-activities.ics"'
    # Public data that calendars poll: it may be cached for a while.
    response.cache_control = "public, max-age=900"
    response.body = activities_calendar(request, activities, title)
    return response


def not_begun(request, activity):
    return _(
        "Attendance is recorded once the activity has begun, ${date}.",
        mapping={"date": request.layout.datetime(activity.starts_at)},
    )


@view_config(route_name="registrations.certificate", permission=REGISTRATION_EDIT)
def attendance_certificate(request):
    """A certificate of attendance, as PDF, in the participant's language."""
    registration = request.context
    # Nobody has attended what has not begun, whatever was recorded.
    if registration.attendance != "attended" or registration.activity.starts_at > clock.now():
        raise HTTPNotFound()
    person, activity = registration.person, registration.activity
    values = {
        "person": person,
        "activity": activity,
        "issued": clock.now(),
    }
    locale = recipient_language(request, person=person)
    title = localizer_for(request, locale).translate(_("Certificate of attendance"))
    template = "norec_core:templates/documents/certificate.pt"
    pdf = render_pdf(request, template, {**values, "document_title": title}, locale)
    return pdf_response(request, pdf, f"certificate-{registration.id}.pdf")


@view_config(
    route_name="activities.attendance", request_method="POST", permission=ATTENDANCE_RECORD
)
def activity_attendance(request):
    """Record who attended, from the registrations table of the activity's page."""
    activity = request.context
    if activity.starts_at > clock.now():
        flash(request, not_begun(request, activity), "error")
        return HTTPFound(request.route_path("activities.detail", id=activity.id))
    confirmed = request.dbsession.scalars(
        select(Registration).where(
            Registration.activity_id == activity.id, Registration.status == "confirmed"
        )
    ).all()
    for registration in confirmed:
        value = request.POST.get(f"attendance-{registration.id}", "")
        if value not in ("", *ATTENDANCE):
            raise HTTPBadRequest(_("Choose attended, absent or excused."))
        registration.attendance = value or None
    flash(request, _("Attendance is saved."))
    return HTTPFound(request.route_path("activities.detail", id=activity.id))


@view_config(
    route_name="activities.detail",
    renderer="norec_core:templates/activities/detail.pt",
    permission=VIEW,
    page_cache=True,
)
def activity_detail(request):
    activity = request.context
    begun = activity.starts_at <= clock.now()
    data = {
        "page_title": request.layout.text(activity, "title", markup=False),
        "activity": activity,
        "kind": request.registry["norec.activity_kinds"].get(activity.kind),
        "confirmed": registrations.confirmed_count(request.dbsession, activity),
        "registrations": None,
        "sections": request.pm.hook.norec_sections(request=request, context=activity),
        "can_edit": request.has_permission(DIRECTORY_EDIT),
        "can_cancel": request.has_permission(REGISTRATION_EDIT),
        # Attendance is recorded once the activity has begun, not ahead of it.
        "can_record": request.has_permission(ATTENDANCE_RECORD) and begun,
        "not_begun": not_begun(request, activity)
        if request.has_permission(ATTENDANCE_RECORD) and not begun
        else None,
        "attendance": ATTENDANCE,
    }
    # The user's own seat, and whether they may take one: anyone with a person record,
    # for an activity still to come.
    person = request.identity.person if request.identity is not None else None
    data["mine"] = None
    data["may_register"] = person is not None and activity.ends_at >= clock.now()
    if person is not None:
        data["mine"] = request.dbsession.scalar(
            select(Registration).where(
                Registration.activity_id == activity.id,
                Registration.person_id == person.id,
                Registration.status != "cancelled",
            )
        )
    # The meeting link is the seat: those with one, and those who run the activity.
    seated = data["mine"] is not None and data["mine"].status == "confirmed"
    data["online_link"] = activity.online_url if seated or data["can_edit"] else None
    if request.has_permission(PERSON_VIEW):
        data["registrations"] = request.dbsession.scalars(
            select(Registration)
            .where(Registration.activity_id == activity.id, Registration.status != "cancelled")
            .options(selectinload(Registration.person))
            .order_by(Registration.id)
        ).all()
    return data


@view_config(route_name="activities.register", request_method="POST", permission=ACCOUNT)
def register_me(request):
    """The logged-in person takes a seat, or a place on the waiting list when it is full."""
    activity, person = request.context, request.identity.person
    if person is None or activity.ends_at < clock.now():
        flash(request, _("Only a person on record registers for an activity to come."), "error")
        return HTTPFound(request.route_path("activities.detail", id=activity.id))
    register_and_say(request, activity, person)
    return HTTPFound(request.route_path("activities.detail", id=activity.id))


def register_and_say(request, activity: Activity, person) -> None:
    """Register `person` and tell the user whether they have a seat or wait for one."""
    try:
        registration = registrations.register(request.dbsession, activity, person)
    except registrations.AlreadyRegistered:
        flash(request, _("Already registered for this activity."), "error")
    else:
        if registration.status == "confirmed":
            flash(request, _("Registered: the seat is confirmed."))
        else:
            flash(request, _("The activity is full: put on the waiting list."))


@view_config(route_name="registrations.cancel", request_method="POST", permission=REGISTRATION_EDIT)
def registration_cancel(request):
    registration = request.context
    if registration.status != "cancelled":
        promoted = registrations.cancel_registration(request.dbsession, registration)
        flash(request, _("The registration is cancelled."))
        if promoted is not None:
            tell_promoted(request, promoted)
        # Who got the seat is told only to those who may see that person.
        if promoted is not None and request.has_permission(PERSON_VIEW, promoted.person):
            flash(
                request,
                _(
                    "${name} moved from the waiting list to a confirmed seat.",
                    mapping={"name": promoted.person.full_name},
                ),
            )
        elif promoted is not None:
            flash(request, _("The seat went to the first on the waiting list."))
    return HTTPFound(request.route_path("activities.detail", id=registration.activity_id))


def tell_promoted(request, registration: Registration) -> None:
    activity, person = registration.activity, registration.person
    language = recipient_language(request, person=person)
    title = request.layout.in_language(language).text(activity, "title", markup=False)
    notify(
        request,
        "activities.seat",
        person,
        _("You have a seat at ${title}", mapping={"title": title}),
        _(
            "A seat at ${title} became free, and it is yours: you were first on the waiting "
            "list. It begins ${when}. If you cannot come, cancel your registration on the "
            "activity's page, so that the next on the list gets the seat.",
            mapping={
                "title": title,
                "when": request.layout.in_language(language).datetime(
                    activity.starts_at, activity.timezone
                ),
            },
        ),
        url=request.route_url("activities.detail", id=activity.id),
    )


def to_form(activity: Activity) -> dict:
    values = {key: getattr(activity, key) for key in ACTIVITY_FIELDS}
    values["text_language"] = activity.text_language
    values["translations"] = translations_to_form(activity.translations)
    zone = zoneinfo.ZoneInfo(activity.timezone)
    for key in ("starts_at", "ends_at"):
        values[key] = values[key].astimezone(zone)  # the form shows the venue's time
    return values


def from_form(_request, activity: Activity, data: dict) -> None:
    for key in ACTIVITY_FIELDS:
        setattr(activity, key, data[key])
    activity.text_language = data["text_language"]
    activity.translations = translations_from_form(data["translations"])


@view_config(
    route_name="activities.new",
    renderer="norec_core:templates/form.pt",
    permission=DIRECTORY_EDIT,
)
def activity_new(request):
    return edit_page(
        request,
        ActivitySchema(),
        Activity(),
        is_new=True,
        appstruct=to_form,
        apply=partial(from_form, request),
        detail_route="activities.detail",
        page_title=_("New activity"),
    )


@view_config(
    route_name="activities.edit",
    renderer="norec_core:templates/form.pt",
    permission=DIRECTORY_EDIT,
)
def activity_edit(request):
    activity = request.context
    return edit_page(
        request,
        ActivitySchema(),
        activity,
        is_new=False,
        appstruct=to_form,
        apply=partial(from_form, request),
        detail_route="activities.detail",
        page_title=_("Edit ${name}", mapping={"name": activity.title}),
    )
