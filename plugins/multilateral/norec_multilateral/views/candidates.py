"""The candidate's profile (education, work with exact dates, languages), applying for a
post with the eligibility checked at once, the candidate's own applications, and a post's
applications for the advisers."""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    ACCOUNT,
    Column,
    CSRFSchema,
    country_node,
    date_widget,
    export_links,
    export_response,
    flash,
    line_validator,
    now,
    process_form,
    requested_format,
)
from norec_multilateral import eligibility
from norec_multilateral.i18n import _
from norec_multilateral.models import (
    Candidacy,
    Candidate,
    Education,
    LanguageSkill,
    MultilateralPost,
    Work,
)
from norec_multilateral.permissions import MANAGE
from norec_multilateral.views.posts import PROGRAMMES
from norec_multilateral.workflow import STATE_TITLES

T = "norec_multilateral:templates/"
PARTS = {"education": Education, "work": Work, "language": LanguageSkill}


def _date(title, **kw):
    return colander.SchemaNode(colander.Date(), title=title, widget=date_widget(), **kw)


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
    started_on = _date(_("Started"))
    finished_on = _date(_("Finished"), missing=None, description=_("Empty: not finished yet."))

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
    started_on = _date(_("From"))
    ended_on = _date(_("To"), missing=None, description=_("Empty: your present work."))
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


SCHEMAS = {"education": EducationSchema, "work": WorkSchema, "language": LanguageSchema}


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


def _no_person(request):
    flash(request, _("Your account has no person record yet: ask Norec to link it."), "error")
    return HTTPFound(request.route_path("account"))


@view_config(route_name="multilateral.profile", renderer=T + "profile.pt", permission=ACCOUNT)
def profile(request):
    candidate = candidate_of(request, create=True)
    if candidate is None:
        return _no_person(request)
    forms = {}
    for part, schema in SCHEMAS.items():
        result = process_form(request, schema(), submit_title=_("Add"), formid=part)
        if result.valid:
            data = result.data
            if part == "language":
                candidate.languages = [s for s in candidate.languages if s.code != data["code"]]
                request.dbsession.flush()
            getattr(candidate, part if part != "language" else "languages").append(
                PARTS[part](**data)
            )
            flash(request, _("Added to your profile."))
            return HTTPFound(request.route_path("multilateral.profile") + f"#{part}")
        forms[part] = result.html
    return {
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
    part, row_id = request.matchdict["part"], int(request.matchdict["id"])
    model = PARTS.get(part)
    row = request.dbsession.get(model, row_id) if model is not None else None
    if candidate is None or row is None or row.candidate_id != candidate.id:
        raise HTTPNotFound()
    request.dbsession.delete(row)
    flash(request, _("Removed from your profile."))
    return HTTPFound(request.route_path("multilateral.profile") + f"#{part}")


class ApplySchema(CSRFSchema):
    motivation = colander.SchemaNode(
        colander.String(),
        title=_("Why this post, and why you"),
        validator=colander.Length(min=1, max=6000),
        widget=deform.widget.TextAreaWidget(rows=8),
    )


@view_config(route_name="multilateral.apply", renderer=T + "apply.pt", permission=ACCOUNT)
def apply(post, request):
    if not post.published:
        raise HTTPNotFound()
    candidate = candidate_of(request, create=True)
    if candidate is None:
        return _no_person(request)
    session = request.dbsession
    done = session.scalars(
        select(Candidacy).where(
            Candidacy.post_id == post.id, Candidacy.candidate_id == candidate.id
        )
    ).first()
    if done is not None:
        flash(request, _("You have applied for this post."))
        return HTTPFound(request.route_path("multilateral.applications"))
    checks = eligibility.check(post, candidate.person, candidate)
    closed = post.deadline < now()
    result = process_form(request, ApplySchema(), submit_title=_("Apply"), formid="apply")
    if result.valid and not closed:
        translate = request.localizer.translate
        session.add(
            Candidacy(
                post=post,
                candidate=candidate,
                person_id=candidate.person_id,
                motivation=result.data["motivation"],
                eligible=all(c.ok for c in checks),
                checks=[c.as_json(translate) for c in checks],
            )
        )
        flash(request, _("Your application is received."))
        return HTTPFound(request.route_path("multilateral.applications"))
    if closed:
        request.response.status = 409 if request.method == "POST" else 200
    return {
        "page_title": _("Apply: ${title}", mapping={"title": post.title}),
        "post": post,
        "checks": checks,
        "closed": closed,
        "form": None if closed else result.html,
        "gaps": eligibility.gaps(candidate, now().date()),
    }


@view_config(
    route_name="multilateral.applications", renderer=T + "applications.pt", permission=ACCOUNT
)
def my_applications(request):
    candidate = candidate_of(request)
    found = []
    if candidate is not None:
        found = request.dbsession.scalars(
            select(Candidacy)
            .where(Candidacy.candidate_id == candidate.id)
            .options(selectinload(Candidacy.post).selectinload(MultilateralPost.organisation))
            .order_by(Candidacy.submitted_at.desc())
        ).all()
    return {"page_title": _("My applications"), "applications": found, "states": STATE_TITLES}


@view_config(
    route_name="multilateral.post.applications",
    renderer=T + "post_applications.pt",
    permission=MANAGE,
)
def post_applications(post, request):
    query = (
        select(Candidacy)
        .where(Candidacy.post_id == post.id)
        .options(selectinload(Candidacy.candidate).selectinload(Candidate.person))
        .order_by(Candidacy.eligible.desc(), Candidacy.submitted_at)
    )
    if requested_format(request):
        columns = [
            Column(_("Given name"), lambda a: a.candidate.person.given_name),
            Column(_("Family name"), lambda a: a.candidate.person.family_name),
            Column(_("E-mail"), lambda a: a.candidate.person.email),
            Column(_("Received"), lambda a: a.submitted_at),
            Column(_("Eligible"), lambda a: "yes" if a.eligible else "no"),
            Column(_("Status"), lambda a: request.localizer.translate(STATE_TITLES[a.state])),
            Column(
                _("Rules not met"),
                lambda a: "; ".join(c["explanation"] for c in a.checks if not c["ok"]),
            ),
        ]
        return export_response(request, query, columns, f"post-{post.id}-applications")
    return {
        "page_title": _("Applications: ${title}", mapping={"title": post.title}),
        "post": post,
        "applications": request.dbsession.scalars(query).all(),
        "programmes": PROGRAMMES,
        "states": STATE_TITLES,
        "exports": export_links(request),
    }
