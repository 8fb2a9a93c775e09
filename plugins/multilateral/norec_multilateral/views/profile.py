"""The candidate's profile, shaped on the UN Personal History form: education and work
with exact dates (gaps flagged), languages with their levels, references, the CV, and
the candidate's place in the talent pool, if they have one."""

from __future__ import annotations

import datetime

import colander
import deform
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    ACCOUNT,
    CSRFSchema,
    FileKind,
    attach_upload,
    country_node,
    date_node,
    email_validator,
    files_of,
    flash,
    line_validator,
    now,
    parse_id,
    process_form,
    upload_node,
)
from norec_multilateral import eligibility, rechecks
from norec_multilateral.i18n import _
from norec_multilateral.models import (
    Candidate,
    Education,
    LanguageSkill,
    PoolEntry,
    Reference,
    Work,
)
from norec_multilateral.permissions import MANAGE, READ
from norec_multilateral.pool import withdraw as withdraw_from_pool

T = "norec_multilateral:templates/"
PARTS = {
    "education": Education,
    "work": Work,
    "language": LanguageSkill,
    "reference": Reference,
}
ATTRIBUTES = {"education": "education", "work": "work", "language": "languages"}
CVS = FileKind(
    frozenset(
        {
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    ),
    5 * 1024 * 1024,
)


def _in_order(start, end):
    def check(form, value):
        if value[end] is not None and value[end] < value[start]:
            error = colander.Invalid(form)
            error[end] = _("This is before the start.")
            raise error

    return check


class EducationSchema(CSRFSchema):
    degree = colander.SchemaNode(
        colander.String(),
        title=_("Degree"),
        widget=deform.widget.SelectWidget(values=list(eligibility.DEGREES.items())),
        validator=colander.OneOf(sorted(eligibility.DEGREES)),
    )
    field = colander.SchemaNode(
        colander.String(), title=_("Field of study"), validator=line_validator(200)
    )
    institution = colander.SchemaNode(
        colander.String(), title=_("Institution"), validator=line_validator(300)
    )
    country = country_node(missing=None)
    started_on = date_node(_("Started"))
    finished_on = date_node(_("Finished"), missing=None, description=_("Empty: not finished yet."))

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_in_order("started_on", "finished_on"), **kw)


class WorkSchema(CSRFSchema):
    employer = colander.SchemaNode(
        colander.String(), title=_("Employer"), validator=line_validator(300)
    )
    title = colander.SchemaNode(
        colander.String(), title=_("Position"), validator=line_validator(300)
    )
    country = country_node(missing=None)
    started_on = date_node(_("From"))
    ended_on = date_node(_("To"), missing=None, description=_("Empty: your present work."))
    duties = colander.SchemaNode(
        colander.String(),
        title=_("Duties and results"),
        missing="",
        validator=colander.Length(max=4000),
        widget=deform.widget.TextAreaWidget(rows=3),
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_in_order("started_on", "ended_on"), **kw)


@colander.deferred
def _language_widget(node, kw):
    names = kw["request"].layout.language_names
    return deform.widget.SelectWidget(values=[("", _("– choose –")), *names.items()])


class LanguageSchema(CSRFSchema):
    code = colander.SchemaNode(colander.String(), title=_("Language"), widget=_language_widget)
    level = colander.SchemaNode(
        colander.String(),
        title=_("Level"),
        description=_("As the Common European Framework of Reference describes them."),
        widget=deform.widget.SelectWidget(values=list(eligibility.LEVELS.items())),
        validator=colander.OneOf(sorted(eligibility.LEVELS)),
    )


class ReferenceSchema(CSRFSchema):
    name = colander.SchemaNode(colander.String(), title=_("Name"), validator=line_validator(200))
    relation = colander.SchemaNode(
        colander.String(),
        title=_("How they know your work"),
        description=_("For example: my supervisor at the Red Cross, 2021–2024."),
        validator=line_validator(200),
    )
    organisation = colander.SchemaNode(
        colander.String(), title=_("Organisation"), missing="", validator=line_validator(300)
    )
    email = colander.SchemaNode(
        colander.String(), title=_("E-mail"), missing="", validator=email_validator
    )
    phone = colander.SchemaNode(
        colander.String(), title=_("Telephone"), missing="", validator=line_validator(40)
    )


def _born(node, value):
    if not datetime.date(1900, 1, 1) <= value <= now().date():
        raise colander.Invalid(node, _("Give the day you were born."))


class PersonalSchema(CSRFSchema):
    birth_date = date_node(_("Birth date"), missing=None, validator=_born)
    citizenship = country_node(title=_("Citizenship"), missing=None)


class CVSchema(CSRFSchema):
    upload = upload_node(_("Your CV (PDF or Word, at most 5 MB)"), CVS)


SCHEMAS = {
    "education": EducationSchema,
    "work": WorkSchema,
    "language": LanguageSchema,
    "reference": ReferenceSchema,
}


def candidate_of(request, create: bool = False) -> Candidate | None:
    person = request.identity.person if request.identity is not None else None
    if person is None:
        return None
    found = request.dbsession.scalars(
        select(Candidate)
        .where(Candidate.person_id == person.id)
        .options(
            selectinload(Candidate.education),
            selectinload(Candidate.work),
            selectinload(Candidate.languages),
        )
    ).first()
    if found is None and create:
        found = Candidate(person=person, education=[], work=[], languages=[])
        request.dbsession.add(found)
        request.dbsession.flush()
    return found


def no_person(request):
    flash(request, _("Your account has no person record yet: ask Norec to link it."), "error")
    return HTTPFound(request.route_path("account"))


def _checked_again(request, candidate) -> None:
    """The rules of the candidate's open applications rest on the profile: check them again."""
    if rechecks.candidate_changed(request.dbsession, candidate):
        flash(request, _("Your open applications are checked again against your profile."))


def _personal(request, candidate):
    person = candidate.person
    appstruct = {k: getattr(person, k) for k in ("birth_date", "citizenship") if getattr(person, k)}
    result = process_form(
        request, PersonalSchema(), appstruct=appstruct, submit_title=_("Save"), formid="personal"
    )
    if not result.valid:
        return result.html
    person.birth_date = result.data["birth_date"]
    person.citizenship = result.data["citizenship"]
    flash(request, _("Your birth date and citizenship are saved."))
    _checked_again(request, candidate)
    return HTTPFound(request.route_path("multilateral.profile") + "#personal")


@view_config(route_name="multilateral.profile", renderer=T + "profile.pt", permission=ACCOUNT)
def profile(request):
    candidate = candidate_of(request, create=True)
    if candidate is None:
        return no_person(request)
    personal = _personal(request, candidate)
    if isinstance(personal, HTTPFound):
        return personal
    forms = {"personal": personal}
    for part, schema in SCHEMAS.items():
        result = process_form(request, schema(), submit_title=_("Add"), formid=part)
        if result.valid:
            data = result.data
            if part == "language":
                candidate.languages = [s for s in candidate.languages if s.code != data["code"]]
                request.dbsession.flush()
            getattr(candidate, ATTRIBUTES.get(part, "references")).append(PARTS[part](**data))
            flash(request, _("Added to your profile."))
            _checked_again(request, candidate)
            return HTTPFound(request.route_path("multilateral.profile") + f"#{part}")
        forms[part] = result.html
    cv = process_form(request, CVSchema(), submit_title=_("Upload"), formid="cv")
    if cv.valid:
        if attach_upload(
            request,
            candidate,
            cv.data["upload"],
            CVS,
            read_permission=READ,
            edit_permission=MANAGE,
            person=candidate.person,
            title="CV",
        ):
            flash(request, _("Your CV is uploaded."))
        return HTTPFound(request.route_path("multilateral.profile") + "#cv")
    pool = request.dbsession.scalar(select(PoolEntry).where(PoolEntry.candidate_id == candidate.id))
    if pool is not None and pool.status == "active" and "leave_pool" in request.POST:
        withdraw_from_pool(request, pool)
        flash(request, _("You have left the talent pool."))
        return HTTPFound(request.route_path("multilateral.profile") + "#pool")
    return {
        "cv_form": cv.html,
        "cvs": files_of(request, candidate)[::-1],
        "pool": pool if pool is not None and pool.status == "active" else None,
        "page_title": _("My candidate profile"),
        "candidate": candidate,
        "person": candidate.person,
        "forms": forms,
        "gaps": eligibility.gaps(candidate, now().date()),
        "degrees": eligibility.DEGREES,
        "levels": eligibility.LEVELS,
    }


@view_config(route_name="multilateral.profile.remove", permission=ACCOUNT)
def remove(request):
    if request.method != "POST":
        return HTTPFound(request.route_path("multilateral.profile"))
    candidate = candidate_of(request)
    part, row_id = request.matchdict["part"], parse_id(request.matchdict["id"])
    model = PARTS.get(part)
    row = request.dbsession.get(model, row_id) if model is not None and row_id else None
    if candidate is None or row is None or row.candidate_id != candidate.id:
        raise HTTPNotFound()
    request.dbsession.delete(row)
    flash(request, _("Removed from your profile."))
    _checked_again(request, candidate)
    return HTTPFound(request.route_path("multilateral.profile") + f"#{part}")
