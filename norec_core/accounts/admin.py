"""The administrators' page of users: find them, make them, change their roles, lock them out."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select

from norec_core.accounts import mails
from norec_core.accounts.forms import UserSchema
from norec_core.accounts.models import User, UserRole
from norec_core.accounts.passwords import UNUSABLE
from norec_core.exports import Column, export_links, export_response, requested_format
from norec_core.forms import process_form
from norec_core.i18n import _
from norec_core.layout import flash
from norec_core.lists import paginate, search_filter, search_words, select_filter
from norec_core.resources import parse_id
from norec_core.security import USERS_MANAGE, local_role_holders_of_user, revoke_local_role_by_id


def _site_role_titles(request) -> dict:
    return {
        name: request.localizer.translate(role.title)
        for name, role in sorted(request.registry["norec.roles"].items())
        if not role.local
    }


USER_COLUMNS = [
    Column(_("E-mail"), lambda r: r[0].email),
    Column(_("Name"), lambda r: r[0].display_name),
    Column(_("Roles"), lambda r: r[1]),
    Column(_("May log in"), lambda r: r[0].active),
    Column(_("Registered"), lambda r: r[0].created_at),
    Column(_("Last login"), lambda r: r[0].last_login_at),
]


@view_config(
    route_name="admin.users",
    renderer="norec_core:templates/admin/users.pt",
    permission=USERS_MANAGE,
)
def user_list(request):
    """The accounts, filtered; as CSV or a workbook too (no password hashes, ever)."""
    q = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    state = request.GET.get("state", "")
    query = select(User)
    if q:
        query = search_words(query, q, User.email, User.display_name)
    if role:
        query = query.where(User.role_links.any(UserRole.role == role))
    if state in ("active", "inactive"):
        query = query.where(User.active.is_(state == "active"))
    states = {"active": _("May log in"), "inactive": _("Locked out or unconfirmed")}
    query = query.order_by(User.email)
    if requested_format(request):
        roles = (
            select(func.aggregate_strings(UserRole.role, ", "))
            .where(UserRole.user_id == User.id)
            .scalar_subquery()
        )
        export = query.add_columns(roles)
        return export_response(request, export, USER_COLUMNS, "users", scalars=False)
    return {
        "page_title": _("Users"),
        "page": paginate(request, query),
        "exports": export_links(request),
        "filters": [
            search_filter(_("E-mail or name"), q),
            select_filter("role", _("Role"), _site_role_titles(request), role),
            select_filter("state", _("State"), states, state),
        ],
        "role_titles": _site_role_titles(request),
    }


@view_config(
    route_name="admin.users.new", renderer="norec_core:templates/form.pt", permission=USERS_MANAGE
)
def user_new(request):
    result = process_form(
        request, UserSchema(), bindings={"user": None}, submit_title=_("Create and invite")
    )
    if not result.valid:
        return {"page_title": _("New user"), "form": result.html}
    data = result.data
    # No password until the person chooses one through the invitation.
    user = User(email=data["email"], display_name=data["display_name"], password_hash=UNUSABLE)
    user.active = data["active"]
    user.roles = sorted(data["roles"])
    request.dbsession.add(user)
    request.dbsession.flush()
    mails.reset_password(request, user, "invite")
    flash(request, _("The user is created and invited by e-mail."))
    return HTTPFound(request.route_path("admin.users.edit", id=user.id))


@view_config(
    route_name="admin.users.edit",
    renderer="norec_core:templates/admin/user.pt",
    permission=USERS_MANAGE,
)
def user_edit(request):
    user = request.context
    appstruct = {
        "email": user.email,
        "display_name": user.display_name,
        "active": user.active,
        "roles": set(user.roles),
    }
    result = process_form(request, UserSchema(), appstruct=appstruct, bindings={"user": user})
    if result.valid:
        data = result.data
        if user is request.identity and (
            not data["active"] or ("admin" in user.roles and "admin" not in data["roles"])
        ):
            flash(request, _("You cannot lock yourself out."), "error")
            return HTTPFound(request.path)
        user.email, user.display_name = data["email"], data["display_name"]
        user.active = data["active"]
        user.roles = sorted(data["roles"])
        flash(request, _("Saved."))
        return HTTPFound(request.path)
    return {
        "page_title": user.display_name or user.email,
        "form": result.html,
        "user": user,
        "local_roles": local_role_holders_of_user(request.dbsession, user),
        "role_titles": {
            name: request.localizer.translate(role.title)
            for name, role in request.registry["norec.roles"].items()
        },
    }


@view_config(route_name="admin.users.revoke", request_method="POST", permission=USERS_MANAGE)
def revoke(request):
    user = request.context
    local_role_id = parse_id(request.POST.get("local_role_id", ""))
    if local_role_id is not None:
        revoke_local_role_by_id(request.dbsession, user, local_role_id)
        flash(request, _("The role is taken away."))
    return HTTPFound(request.route_path("admin.users.edit", id=user.id))
