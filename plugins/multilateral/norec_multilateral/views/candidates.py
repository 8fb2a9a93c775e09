"""The candidate's profile (education, work with exact dates, languages), applying for a
post with the eligibility checked at once, the candidate's own applications, and a post's
applications for the advisers."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from norec_core import (
    ACCOUNT,
    Column,
    export_links,
    export_response,
    flash,
    now,
    paginate,
    process_form,
    requested_format,
)
from norec_multilateral import eligibility, explanations, notices
from norec_multilateral.forms.candidates import ApplySchema
from norec_multilateral.i18n import _
from norec_multilateral.models import (
    Candidacy,
    Candidate,
    MultilateralPost,
)
from norec_multilateral.permissions import MANAGE
from norec_multilateral.rounds import PROGRAMMES
from norec_multilateral.views.profile import candidate_of, no_person
from norec_multilateral.workflow import STATE_TITLES

T = "norec_multilateral:templates/"
# The states an application reaches only past a step that checks the rules.
MOVED_ON = ("eligible", "longlisted", "interviewed", "shortlisted", "nominated", "selected")


@view_config(route_name="multilateral.apply", renderer=T + "apply.pt", permission=ACCOUNT)
def apply(post, request):
    if not post.published:
        raise HTTPNotFound()
    candidate = candidate_of(request, create=True)
    if candidate is None:
        return no_person(request)
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
        candidacy = Candidacy(
            post=post,
            candidate=candidate,
            person_id=candidate.person_id,
            motivation=result.data["motivation"],
        )
        eligibility.assess(candidacy)
        session.add(candidacy)
        session.flush()
        notices.received(request, candidacy)
        flash(request, _("Your application is received."))
        return HTTPFound(request.route_path("multilateral.applications"))
    if closed:
        request.response.status = 409 if request.method == "POST" else 200
    return {
        "page_title": _("Apply: ${title}", mapping={"title": post.title}),
        "post": post,
        "checks": explanations.explain_all(request.layout, checks, explanations.CANDIDATE),
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
    return {
        "page_title": _("My applications"),
        "applications": found,
        "states": STATE_TITLES,
        "explain": lambda a: explanations.explain_all(
            request.layout, a.checks, explanations.CANDIDATE
        ),
    }


@view_config(
    route_name="multilateral.post.applications",
    renderer=T + "post_applications.pt",
    permission=MANAGE,
)
def post_applications(post, request):
    # A page at a time, as the core's lists: a busy post draws hundreds of applications.
    # The candidate and their person are one each, joined into the page's own statement;
    # the id last makes the order whole, so that no application falls between two pages.
    query = (
        select(Candidacy)
        .where(Candidacy.post_id == post.id)
        .options(joinedload(Candidacy.candidate).joinedload(Candidate.person))
        .order_by(Candidacy.eligible.desc(), Candidacy.submitted_at, Candidacy.id)
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
                lambda a: " ".join(explanations.not_met(request.layout, a.checks)),
            ),
        ]
        return export_response(request, query, columns, f"post-{post.id}-applications")
    return {
        "page_title": _("Applications: ${title}", mapping={"title": post.title}),
        "post": post,
        "page": paginate(request, query),
        "programmes": PROGRAMMES,
        "states": STATE_TITLES,
        "exports": export_links(request),
        "not_met": lambda a: explanations.not_met(request.layout, a.checks),
        "moved_on": MOVED_ON,
    }
