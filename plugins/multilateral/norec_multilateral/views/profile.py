"""The candidate's profile, shaped on the UN Personal History form: education and work
with exact dates (gaps flagged), languages with their levels, references, the CV, and
the candidate's place in the talent pool, if they have one."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    ACCOUNT,
    attach_upload,
    files_of,
    flash,
    now,
    parse_id,
    process_form,
)
from norec_multilateral import eligibility, rechecks
from norec_multilateral.forms.profile import CVS, SCHEMAS, CVSchema, PersonalSchema
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
    flash(request, _("Your account has no person record yet: ask ${agency} to link it."), "error")
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
