"""Logging in and out, registering, and recovering a forgotten password."""

from __future__ import annotations

from pyramid.csrf import new_csrf_token
from pyramid.httpexceptions import HTTPFound
from pyramid.security import NO_PERMISSION_REQUIRED, forget, remember
from pyramid.view import view_config
from sqlalchemy import select

from norec_core import clock
from norec_core.accounts import mails, throttle, tokens
from norec_core.accounts import sessions as login_sessions
from norec_core.accounts.forms import EmailSchema, LoginSchema, NewPasswordSchema, RegisterSchema
from norec_core.accounts.messages import (
    ASK_AGAIN,
    REGISTER_AGAIN,
    link_does_not_work,
    message_page,
)
from norec_core.accounts.models import User
from norec_core.accounts.passwords import hash_password
from norec_core.accounts.throttle import Throttle
from norec_core.accounts.users import authenticate, find_user, set_password
from norec_core.domain.models import Person
from norec_core.forms import CSRFSchema, build_form, process_form, render_form
from norec_core.i18n import _, language_cookie, safe_redirect_target
from norec_core.layout import flash
from norec_core.security import VIEW


def log_in(request, user: User) -> list:
    """Start a fresh session for `user`; returns the headers that set its cookie."""
    user.last_login_at = clock.now()
    # A fresh session and CSRF token on login: nothing planted before it survives.
    request.session.invalidate()
    headers = remember(request, user.id)
    login_sessions.start(request, user)
    new_csrf_token(request)
    # The pages in the language the account chose, on any browser it logs in from.
    return headers + language_cookie(request, user.language)


@view_config(
    route_name="login",
    renderer="norec_core:templates/login.pt",
    permission=NO_PERMISSION_REQUIRED,
)
def login(request):
    came_from = safe_redirect_target(request, request.params.get("came_from"))
    options = {"submit_title": _("Log in"), "formid": "login"}
    result = process_form(request, LoginSchema(), appstruct={"came_from": came_from}, **options)
    page = {"page_title": _("Log in"), "form": result.html, "failed": False, "blocked": False}
    if not result.valid:
        return page
    session, email = request.dbsession, result.data["email"]
    throttle = Throttle(request.registry.settings)
    address = request.client_addr or ""
    blocked = throttle.blocked(session, email, address)
    user = None if blocked else authenticate(session, email, result.data["password"])
    if user is None:
        if not blocked:
            throttle.failed(session, email, address)
        request.response.status = 429 if blocked else 422
        # Keep the e-mail the user typed, never the password.
        form = build_form(request, LoginSchema(), **options)
        kept = {"email": email, "came_from": result.data["came_from"]}
        return {**page, "form": render_form(form, kept), "failed": not blocked, "blocked": blocked}
    throttle.succeeded(session, email)
    headers = log_in(request, user)
    flash(request, _("You are logged in."))
    return HTTPFound(safe_redirect_target(request, result.data["came_from"]), headers=headers)


@view_config(route_name="logout", request_method="POST", permission=NO_PERMISSION_REQUIRED)
def logout(request):
    login_sessions.end(request)
    headers = forget(request)
    request.session.invalidate()
    flash(request, _("You are logged out."))
    return HTTPFound(request.route_path("home"), headers=headers)


@view_config(route_name="register", renderer="norec_core:templates/form.pt", permission=VIEW)
def register(request):
    result = process_form(request, RegisterSchema(), submit_title=_("Register"), formid="register")
    if not result.valid:
        return {"page_title": _("Register"), "form": result.html}
    data = result.data
    if not throttle.may_register(
        request.dbsession, request.registry.settings, request.client_addr or ""
    ):
        return message_page(
            request,
            _("Too many registrations"),
            _("Too many registrations came from your network. Try again in an hour."),
            status=429,
        )
    names = {"given_name": data["given_name"], "family_name": data["family_name"]}
    # Hashed whether or not the address has an account: the hash is most of the time a
    # registration takes, so that time tells nobody whether the address is known.
    password_hash = hash_password(data["password"])
    user = find_user(request.dbsession, data["email"])
    if user is None:
        user = User(
            email=data["email"], display_name=f"{names['given_name']} {names['family_name']}"
        )
        user.active = False  # until the address is confirmed
        user.password_hash, user.password_changed_at = password_hash, clock.now()
        user.roles = ["member"]
        request.dbsession.add(user)
        request.dbsession.flush()
        mails.confirm_account(request, user, names)
    elif not mails.may_mail(user):
        pass  # a mail went out minutes ago; the page says the same either way
    elif user.email_confirmed_at is None and not user.active:
        mails.confirm_account(request, user, names)
    else:
        mails.already_registered(request, user)
    # The same answer whether or not the address has an account: no one learns who has.
    return message_page(
        request,
        _("Check your e-mail"),
        _(
            "We have sent a message to ${email}. Open the link in it to confirm your account.",
            mapping={"email": data["email"]},
        ),
    )


@view_config(
    route_name="register.confirm", renderer="norec_core:templates/form.pt", permission=VIEW
)
def confirm(request):
    found = tokens.find(request.dbsession, request.matchdict["token"], ("confirm",))
    if found is None:
        return link_does_not_work(request, REGISTER_AGAIN)
    # Opening the link shows a button; only pressing it confirms. Mail scanners that
    # follow links would otherwise use the token up and be logged in as the person.
    result = process_form(request, CSRFSchema(), submit_title=_("Confirm"), formid="confirm")
    if not result.valid:
        return {"page_title": _("Confirm your account"), "form": result.html}
    tokens.use(found)
    user = found.user
    user.active, user.email_confirmed_at = True, clock.now()
    # The account's person: the one already known by this address, unless an account
    # already is that person's; otherwise a new one. Addresses on records are the staff's
    # or proven by a link (domain.schemas), so nobody can have planted this one.
    person = request.dbsession.scalar(
        select(Person).where(
            Person.email == user.email,
            ~select(User.id).where(User.person_id == Person.id).exists(),
        )
    )
    if person is None:
        taken = request.dbsession.scalar(select(Person.id).where(Person.email == user.email))
        person = Person(
            given_name=found.data.get("given_name", ""),
            family_name=found.data.get("family_name", ""),
            # The staff sort out an address on two records; the account is not held up.
            email=None if taken else user.email,
        )
        request.dbsession.add(person)
        request.dbsession.flush()
    user.person_id = person.id
    headers = log_in(request, user)
    flash(request, _("Your account is confirmed. Welcome!"))
    return HTTPFound(request.route_path("account"), headers=headers)


@view_config(route_name="password.forgot", renderer="norec_core:templates/form.pt", permission=VIEW)
def forgot_password(request):
    result = process_form(request, EmailSchema(), submit_title=_("Send me a link"))
    if not result.valid:
        return {"page_title": _("Forgot your password?"), "form": result.html}
    user = find_user(request.dbsession, result.data["email"])
    if user is not None and user.active and mails.may_mail(user):
        mails.reset_password(request, user)
    return message_page(
        request,
        _("Check your e-mail"),
        _(
            "If ${email} belongs to an account, a link to choose a new password is on its way.",
            mapping={"email": result.data["email"]},
        ),
    )


@view_config(route_name="password.reset", renderer="norec_core:templates/form.pt", permission=VIEW)
def reset_password(request):
    found = tokens.find(request.dbsession, request.matchdict["token"], ("reset", "invite"))
    if found is None:
        return link_does_not_work(request, ASK_AGAIN)
    result = process_form(request, NewPasswordSchema(), submit_title=_("Save the password"))
    if not result.valid:
        return {"page_title": _("Choose a new password"), "form": result.html}
    tokens.use(found)
    user = found.user
    set_password(user, result.data["password"])
    if found.purpose == "invite":
        user.email_confirmed_at = user.email_confirmed_at or clock.now()
    headers = log_in(request, user)
    flash(request, _("Your new password is saved."))
    return HTTPFound(request.route_path("account"), headers=headers)
