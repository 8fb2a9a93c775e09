"""Granting and taking away local roles on one record, by administrators."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from norec_core.accounts.users import find_user
from norec_core.i18n import _, safe_redirect_target
from norec_core.layout import flash
from norec_core.resources import model_factory, model_for
from norec_core.security import (
    USERS_MANAGE,
    grant_local_role,
    local_role_holders,
    revoke_local_role,
)


def local_role_object(request):
    model = model_for(request.matchdict["resource_type"])
    if model is None:
        raise HTTPNotFound()
    return model_factory(model)(request)


@view_config(route_name="local_roles", request_method="POST", permission=USERS_MANAGE)
def change_local_roles(request):
    obj = request.context
    back = safe_redirect_target(request, request.POST.get("came_from"))
    roles = request.registry["norec.roles"]
    role = request.POST.get("role", "")
    if role not in roles or not roles[role].local:
        flash(request, _("Choose one of the roles."), "error")
        return HTTPFound(back)
    user = find_user(request.dbsession, request.POST.get("email", ""))
    if user is None:
        flash(request, _("No user has this e-mail address."), "error")
        return HTTPFound(back)
    if request.POST.get("action") == "revoke":
        revoke_local_role(request.dbsession, user, obj, role)
        flash(request, _("The role is taken away."))
    else:
        grant_local_role(request.dbsession, user, obj, role)
        flash(request, _("The role is given."))
    return HTTPFound(back)


def section_values(request, obj) -> dict:
    """What the local roles section of a record's page shows."""
    roles = request.registry["norec.roles"]
    return {
        "obj": obj,
        "holders": local_role_holders(request.dbsession, obj),
        "local_roles": {name: role.title for name, role in sorted(roles.items()) if role.local},
    }
