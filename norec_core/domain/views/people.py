"""People: personal data, shown only to those who hold person.view."""

from __future__ import annotations

import json
from functools import partial

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core import clock
from norec_core.domain import profiles, record_fields
from norec_core.domain.activity_schemas import RegistrationSchema
from norec_core.domain.merging import merge_people
from norec_core.domain.models import Activity, Person, PersonLanguage, Registration
from norec_core.domain.person_actions import (
    DOCUMENTS,
    DocumentSchema,
    EraseSchema,
    MergeSchema,
)
from norec_core.domain.schemas import LANGUAGE_TITLES, PersonSchema
from norec_core.domain.serialisation import PERSON_FIELDS
from norec_core.domain.views.activities import register_and_say
from norec_core.domain.views.editing import edit_page
from norec_core.exports import Column, export_links, export_response, requested_format
from norec_core.files.attachments import attach_upload
from norec_core.forms import process_form
from norec_core.i18n import _, codes
from norec_core.layout import flash
from norec_core.lists import paginate, search_filter, search_words, select_filter
from norec_core.mail import mailing_lists
from norec_core.privacy import personal_data
from norec_core.security import (
    PERSON_EDIT,
    PERSON_ERASE,
    PERSON_EXPORT,
    PERSON_MERGE,
    PERSON_VIEW,
    REGISTRATION_EDIT,
    VIEW,
)

# The staff's list (PERSON_VIEW): every field of the record, as the person page shows it.
EXPORT_COLUMNS = [
    Column(_("Given name"), lambda r: r[0].given_name),
    Column(_("Family name"), lambda r: r[0].family_name),
    Column(_("E-mail"), lambda r: r[0].email),
    Column(_("Country"), lambda r: r[0].country),
    Column(_("City"), lambda r: r[0].city),
    Column(_("Languages"), lambda r: r[1]),
    Column(_("Expertise"), lambda r: r[0].expertise),
    Column(_("Current employer"), lambda r: r[0].employer),
    Column(_("Citizenship"), lambda r: r[0].citizenship),
    Column(_("Birth date"), lambda r: r[0].birth_date),
    Column(_("ORCID iD"), lambda r: r[0].orcid),
    Column(_("Registered"), lambda r: r[0].created_at),
]


@view_config(
    route_name="people",
    renderer="norec_core:templates/people/list.pt",
    permission=PERSON_VIEW,
    page_cache=True,
)
def person_list(request):
    q = request.GET.get("q", "").strip()
    country = request.GET.get("country", "")
    language = request.GET.get("language", "")
    query = select(Person)
    if q:
        query = search_words(query, q, Person.given_name, Person.family_name, Person.email)
    if country:
        query = query.where(Person.country == country)
    if language:
        query = query.where(Person.language_links.any(PersonLanguage.code == language))
    query = query.order_by(Person.family_name, Person.given_name, Person.id)
    if requested_format(request):
        languages = (
            select(func.aggregate_strings(PersonLanguage.code, ", "))
            .where(PersonLanguage.person_id == Person.id)
            .scalar_subquery()
        )
        export = query.add_columns(languages)
        return export_response(request, export, EXPORT_COLUMNS, "people", scalars=False)
    locale = request.locale_name
    return {
        "page_title": _("People"),
        "page": paginate(request, query.options(selectinload(Person.language_links))),
        "exports": export_links(request),
        "filters": [
            search_filter(_("Name or e-mail"), q),
            select_filter("country", _("Country"), codes.country_names(locale), country),
            select_filter("language", _("Language"), codes.language_names(locale), language),
        ],
    }


@view_config(
    route_name="people.detail",
    renderer="norec_core:templates/people/detail.pt",
    permission=PERSON_VIEW,
    page_cache=True,
)
def person_detail(request):
    person = request.context
    held = select(Registration.activity_id).where(
        Registration.person_id == person.id, Registration.status != "cancelled"
    )
    upcoming = request.dbsession.scalars(
        select(Activity)
        .where(Activity.starts_at >= clock.now(), Activity.id.not_in(held))
        .order_by(Activity.starts_at)
        .limit(100)
    ).all()
    register_form = None
    if upcoming and request.has_permission(REGISTRATION_EDIT):
        register_form = _registration_form(request, person, upcoming).html
    return {
        "page_title": person.full_name,
        "person": person,
        "registrations": request.dbsession.scalars(
            select(Registration)
            .where(Registration.person_id == person.id)
            .options(selectinload(Registration.activity))
            .order_by(Registration.id.desc())
        ).all(),
        "register_form": register_form,
        "sections": request.pm.hook.norec_sections(request=request, context=person),
        "shown": [
            (title, profiles.LEVEL_TITLES[profiles.level(person, field)])
            for field, title in profiles.PROFILE_FIELDS.items()
            if profiles.level(person, field) != profiles.PRIVATE
        ],
        "language_titles": LANGUAGE_TITLES,
        "can_edit": request.has_permission(PERSON_EDIT),
        "can_export": request.has_permission(PERSON_EXPORT),
        "can_erase": request.has_permission(PERSON_ERASE),
        "can_merge": request.has_permission(PERSON_MERGE),
    }


@view_config(
    route_name="people.profile",
    renderer="norec_core:templates/people/profile.pt",
    permission=VIEW,
    page_cache=True,
)
def person_profile(request):
    """The person as the visitor may see them: only the fields the person chose to show."""
    person = request.context
    fields = profiles.visible_fields(request, person)
    if not fields:
        # Indistinguishable from a person who does not exist: a private name is no one's.
        raise HTTPNotFound()
    return {
        "page_title": person.full_name,
        "person": person,
        "fields": [
            (f, profiles.PROFILE_FIELDS[f], profiles.field_value(person, f)) for f in fields
        ],
        "levels": {f: profiles.LEVEL_TITLES[profiles.level(person, f)] for f in fields},
    }


def _registration_form(request, person, activities):
    choices = [(str(a.id), f"{a.title} ({a.starts_at:%Y-%m-%d})") for a in activities]
    return process_form(
        request,
        RegistrationSchema(),
        submit_title=_("Register"),
        formid="register",
        bindings={"activity_choices": choices},
        action=request.route_path("people.register", id=person.id),
    )


@view_config(
    route_name="people.register",
    request_method="POST",
    renderer="norec_core:templates/form.pt",
    permission=REGISTRATION_EDIT,
)
def person_register(request):
    person = request.context
    activities = request.dbsession.scalars(
        select(Activity).where(Activity.starts_at >= clock.now())
    ).all()
    result = _registration_form(request, person, activities)
    if not result.valid:
        return {"form": result.html, "page_title": _("Register for an activity")}
    activity = request.dbsession.get(Activity, result.data["activity_id"])
    register_and_say(request, activity, person)
    return HTTPFound(request.route_path("people.detail", id=person.id))


def to_form(person: Person, request=None) -> dict:
    data = {key: getattr(person, key) for key in PERSON_FIELDS}
    if request is not None:
        data |= record_fields.form_values(request, person)
    data["languages"] = set(person.languages)
    data["visibility"] = profiles.choices(person)
    return data


def from_form(request, person: Person, data: dict) -> None:
    for key in PERSON_FIELDS:
        setattr(person, key, data[key])
    person.languages = sorted(data["languages"])
    # Only what the person chose to show is stored: a field not named stays private.
    person.visibility = profiles.chosen(data["visibility"])
    record_fields.save(request, person, data)


@view_config(
    route_name="people.new", renderer="norec_core:templates/form.pt", permission=PERSON_EDIT
)
def person_new(request):
    person = Person()
    return edit_page(
        request,
        record_fields.with_fieldsets(request, PersonSchema(), person),
        person,
        is_new=True,
        appstruct=partial(to_form, request=request),
        apply=partial(from_form, request),
        detail_route="people.detail",
        page_title=_("New person"),
    )


@view_config(
    route_name="people.edit", renderer="norec_core:templates/form.pt", permission=PERSON_EDIT
)
def person_edit(request):
    person = request.context
    return edit_page(
        request,
        record_fields.with_fieldsets(request, PersonSchema(), person),
        person,
        is_new=False,
        appstruct=partial(to_form, request=request),
        apply=partial(from_form, request),
        detail_route="people.detail",
        page_title=_("Edit ${name}", mapping={"name": person.full_name}),
        bindings={"person": person},
    )


@view_config(route_name="people.export", permission=PERSON_EXPORT)
def person_export(request):
    """All data held on the person, as a JSON download (GDPR articles 15 and 20)."""
    person = request.context
    response = request.response
    response.content_type = "application/json"
    response.charset = "utf-8"
    response.content_disposition = f'attachment; filename="norec-person-{person.id}.json"'
    response.text = json.dumps(personal_data.export(request, person), ensure_ascii=False, indent=2)
    return response


@view_config(
    route_name="people.merge", renderer="norec_core:templates/form.pt", permission=PERSON_MERGE
)
def person_merge(request):
    kept = request.context
    result = process_form(
        request, MergeSchema(), bindings={"person": kept}, submit_title=_("Merge")
    )
    if not result.valid:
        return {
            "page_title": _("Merge a duplicate into ${name}", mapping={"name": kept.full_name}),
            "form": result.html,
            "cancel_url": request.route_path("people.detail", id=kept.id),
        }
    merged = request.dbsession.get(Person, result.data["merged_id"])
    name = merged.full_name
    merge_people(request, kept, merged)
    flash(request, _("${name} is merged into this record.", mapping={"name": name}))
    return HTTPFound(request.route_path("people.detail", id=kept.id))


@view_config(
    route_name="people.documents", renderer="norec_core:templates/form.pt", permission=PERSON_EDIT
)
def person_documents(request):
    """Attach a document to a person; a form that fails keeps the chosen file."""
    person = request.context
    result = process_form(request, DocumentSchema(), submit_title=_("Attach"))
    if result.valid:
        if attach_upload(
            request,
            person,
            result.data["upload"],
            DOCUMENTS,
            read_permission=PERSON_VIEW,
            edit_permission=PERSON_EDIT,
            person=person,
            title=result.data["title"],
        ):
            flash(request, _("The document is attached."))
        return HTTPFound(request.route_path("people.detail", id=person.id))
    return _documents_page(request, person, result.html)


def _documents_page(request, person, form_html) -> dict:
    return {
        "page_title": _("Attach a document to ${name}", mapping={"name": person.full_name}),
        "form": form_html,
        "cancel_url": request.route_path("people.detail", id=person.id),
    }


@view_config(route_name="people.lists", request_method="POST", permission=PERSON_EDIT)
def person_lists(request):
    """Join or leave a mailing list from the person page."""
    person, name = request.context, request.matchdict["name"]
    if name not in request.registry["norec.mailing_lists"]:
        raise HTTPNotFound()
    if request.POST.get("action") == "leave":
        mailing_lists.leave_list(request, person, name)
        flash(request, _("Left the mailing list."))
    elif person.email:
        if mailing_lists.join_list(request, person, name).status == "subscribed":
            flash(request, _("Joined the mailing list."))
        else:
            sent = _("A link to confirm is sent to ${email}.", mapping={"email": person.email})
            flash(request, sent)
    else:
        flash(request, _("A mailing list needs an e-mail address on the record."), "error")
    return HTTPFound(request.route_path("people.detail", id=person.id))


@view_config(
    route_name="people.erase", renderer="norec_core:templates/form.pt", permission=PERSON_ERASE
)
def person_erase(request):
    person = request.context
    result = process_form(request, EraseSchema(), submit_title=_("Erase for good"), formid="erase")
    if not result.valid:
        return {
            "page_title": _("Erase ${name}", mapping={"name": person.full_name}),
            "form": result.html,
            "cancel_url": request.route_path("people.detail", id=person.id),
        }
    personal_data.erase_person(request, person, result.data["reason"])
    flash(request, _("The person is erased. The audit log keeps that it happened, and why."))
    return HTTPFound(request.route_path("people"))
