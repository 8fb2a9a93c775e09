"""Logging in and out."""

from __future__ import annotations

import datetime

from pyramid.csrf import new_csrf_token
from pyramid.httpexceptions import HTTPFound
from pyramid.security import NO_PERMISSION_REQUIRED, forget, remember
from pyramid.view import view_config

from norec_core.accounts.forms import LoginSchema
from norec_core.accounts.users import authenticate
from norec_core.forms import build_form, process_form, render_form
from norec_core.i18n import _, safe_redirect_target
from norec_core.layout import flash


@view_config(
    route_name="login",
    renderer="norec_core:templates/login.pt",
    permission=NO_PERMISSION_REQUIRED,
)
def login(request):
    came_from = safe_redirect_target(request, request.params.get("came_from"))
    options = {"submit_title": _("Log in"), "formid": "login"}
    result = process_form(request, LoginSchema(), appstruct={"came_from": came_from}, **options)
    if not result.valid:
        return {"page_title": _("Log in"), "form": result.html, "failed": False}
    user = authenticate(request.dbsession, result.data["email"], result.data["password"])
    if user is None:
        request.response.status = 422
        # Keep the e-mail the user typed, never the password.
        form = build_form(request, LoginSchema(), **options)
        kept = {"email": result.data["email"], "came_from": result.data["came_from"]}
        return {"page_title": _("Log in"), "form": render_form(form, kept), "failed": True}
    user.last_login_at = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    # A fresh session and CSRF token on login: nothing planted before it survives.
    request.session.invalidate()
    headers = remember(request, user.id)
    new_csrf_token(request)
    flash(request, _("You are logged in."))
    return HTTPFound(safe_redirect_target(request, result.data["came_from"]), headers=headers)


@view_config(route_name="logout", request_method="POST", permission=NO_PERMISSION_REQUIRED)
def logout(request):
    headers = forget(request)
    request.session.invalidate()
    flash(request, _("You are logged out."))
    return HTTPFound(request.route_path("home"), headers=headers)
