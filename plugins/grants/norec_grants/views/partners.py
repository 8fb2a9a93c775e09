"""Finding partners: the organisations looking for one, what they look for, and the
matches suggested to them and to caseworkers."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    ACCOUNT,
    Organisation,
    flash,
    locally_held,
    parse_id,
    process_form,
)
from norec_grants import matching
from norec_grants.forms.partners import SearchSchema
from norec_grants.i18n import _
from norec_grants.models import PartnerSearch
from norec_grants.permissions import MANAGE

T = "norec_grants:templates/"
FORM = "norec_core:templates/form.pt"


def _my_organisations(request) -> list[Organisation]:
    query = select(Organisation).order_by(Organisation.name)
    if not request.has_permission(MANAGE):
        query = query.where(locally_held(request, Organisation, "contact"))
    return request.dbsession.scalars(query).all()


def _may_see_matches(request) -> bool:
    """Caseworkers, and the contacts of organisations that look for a partner themselves."""
    if request.has_permission(MANAGE):
        return True
    return (
        request.dbsession.scalar(
            select(PartnerSearch.id)
            .where(
                PartnerSearch.active.is_(True),
                PartnerSearch.organisation_id.in_(
                    select(Organisation.id).where(locally_held(request, Organisation, "contact"))
                ),
            )
            .limit(1)
        )
        is not None
    )


def _may_act_for(request, search: PartnerSearch) -> bool:
    return bool(request.has_permission(MANAGE)) or search.organisation in _my_organisations(request)


@view_config(route_name="grants.partner_searches", renderer=T + "partners.pt", permission=ACCOUNT)
def searches(request):
    found = request.dbsession.scalars(
        select(PartnerSearch)
        .where(PartnerSearch.active.is_(True))
        .options(selectinload(PartnerSearch.organisation))
        .order_by(PartnerSearch.created_at.desc())
    ).all()
    return {
        "page_title": _("Organisations looking for a partner"),
        "searches": found,
        "sectors": matching.SECTORS,
        "may_register": bool(_my_organisations(request)),
        "may_see_matches": _may_see_matches(request),
    }


@view_config(route_name="grants.partner_search_new", renderer=FORM, permission=ACCOUNT)
def new_search(request):
    organisations = _my_organisations(request)
    if not organisations:
        # Not a refusal: the page says how to get there.
        return {
            "page_title": _("Look for a partner"),
            "intro": _(
                "The contact person of an organisation registers what it looks for. Ask "
                "${agency} to make you contact person of your organisation."
            ),
            "form": "",
        }
    result = process_form(
        request,
        SearchSchema(),
        bindings={"organisations": organisations},
        submit_title=_("Register"),
    )
    if result.valid:
        data = result.data
        search = PartnerSearch(
            organisation_id=data["organisation_id"],
            sectors=sorted(data["sectors"]),
            countries=sorted(data["countries"]),
            professions=data["professions"],
            offers=data["offers"],
        )
        request.dbsession.add(search)
        request.dbsession.flush()
        flash(request, _("Registered: here are the organisations that suit yours."))
        return HTTPFound(request.route_path("grants.partner_search", id=search.id))
    return {
        "page_title": _("Look for a partner"),
        "intro": _(
            "Say what your organisation works on and whom it would like to exchange with: "
            "${agency} and the organisations looking for a partner see the matches."
        ),
        "form": result.html,
    }


@view_config(
    route_name="grants.partner_search", renderer=T + "partner_search.pt", permission=ACCOUNT
)
def search_page(search, request):
    if not _may_see_matches(request):
        raise HTTPForbidden(
            _("Matches are shown to ${agency} and to organisations looking for a partner.")
        )
    return {
        "page_title": search.organisation.name,
        "search": search,
        "matches": matching.matches(request.dbsession, search) if search.active else [],
        "sectors": matching.SECTORS,
        "may_act": _may_act_for(request, search),
    }


@view_config(route_name="grants.partner_connect", permission=ACCOUNT, request_method="POST")
def connect(search, request):
    wanted = request.POST.get("other", "")
    other_id = parse_id(wanted)
    other = request.dbsession.get(PartnerSearch, other_id) if other_id else None
    if other is None or not (search.active and other.active):
        raise HTTPNotFound()
    if not (_may_act_for(request, search) or _may_act_for(request, other)):
        raise HTTPForbidden(_("Only ${agency} or the contact persons of the two can connect them."))
    if matching.score(search, other) is None:
        raise HTTPForbidden(_("These two do not suit each other."))
    partnership = matching.connect(request.dbsession, search, other)
    flash(request, _("The partnership is proposed; ${agency} approves it before an application."))
    return HTTPFound(request.route_path("partnerships.detail", id=partnership.id))


@view_config(route_name="grants.partner_search_close", permission=ACCOUNT, request_method="POST")
def close(search, request):
    if not _may_act_for(request, search):
        raise HTTPForbidden(_("Only ${agency} or the organisation's contact person can do this."))
    search.active = False
    flash(request, _("The search is closed."))
    return HTTPFound(request.route_path("grants.partner_searches"))
