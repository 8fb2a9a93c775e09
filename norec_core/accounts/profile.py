"""One's own account: its page, a new e-mail address, a new password."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select

from norec_core import clock
from norec_core.accounts import mails, tokens
from norec_core.accounts import sessions as login_sessions
from norec_core.accounts.forms import ChangeEmailSchema, ChangePasswordSchema
from norec_core.accounts.messages import ASK_AGAIN, TEMPLATE, link_does_not_work, message_page
from norec_core.accounts.users import find_user, set_password
from norec_core.domain.models import Person
from norec_core.forms import process_form
from norec_core.i18n import _
from norec_core.layout import flash
from norec_core.notices.views import COUNTRY_DECIDES
from norec_core.security import ACCOUNT


@view_config(
    route_name="account", renderer="norec_core:templates/accounts/account.pt", permission=ACCOUNT
)
def account(request):
    user = request.identity
    roles = request.registry["norec.roles"]
    return {
        "page_title": _("My account"),
        "user": user,
        "role_titles": [roles[r].title for r in user.roles if r in roles],
        "country_decides": COUNTRY_DECIDES,
    }


@view_config(
    route_name="account.password", renderer="norec_core:templates/form.pt", permission=ACCOUNT
)
def change_password(request):
    user = request.identity
    result = process_form(
        request, ChangePasswordSchema(), bindings={"user": user}, submit_title=_("Save")
    )
    if not result.valid:
        return {
            "page_title": _("Change password"),
            "form": result.html,
            "cancel_url": request.route_path("account"),
        }
    set_password(user, result.data["password"])
    # Other sessions of this account end with the old password; this one goes on in a
    # session started after the change.
    login_sessions.end(request)
    login_sessions.start(request, user)
    flash(request, _("Your new password is saved."))
    return HTTPFound(request.route_path("account"))


@view_config(
    route_name="account.email", renderer="norec_core:templates/form.pt", permission=ACCOUNT
)
def change_email(request):
    user = request.identity
    result = process_form(
        request, ChangeEmailSchema(), bindings={"user": user}, submit_title=_("Send confirmation")
    )
    if not result.valid:
        return {
            "page_title": _("Change e-mail address"),
            "form": result.html,
            "cancel_url": request.route_path("account"),
        }
    if not mails.may_mail(user):
        flash(request, _("We sent you a message minutes ago. Try again in a few minutes."), "error")
        return HTTPFound(request.route_path("account.email"))
    mails.confirm_new_email(request, user, result.data["new_email"])
    return message_page(
        request,
        _("Check your e-mail"),
        _(
            "Open the link we have sent to ${email} to start using the new address.",
            mapping={"email": result.data["new_email"]},
        ),
    )


@view_config(route_name="account.email.confirm", renderer=TEMPLATE, permission=ACCOUNT)
def confirm_email(request):
    session = request.dbsession
    found = tokens.find(session, request.matchdict["token"], ("email",))
    if found is None or found.user_id != request.identity.id:
        return link_does_not_work(request, ASK_AGAIN)
    new_email = found.data["email"]
    if find_user(session, new_email) is not None:
        return message_page(
            request,
            _("The address is taken"),
            _("Another account has started to use this address meanwhile."),
            409,
        )
    tokens.use(found)
    user = found.user
    user.email, user.email_confirmed_at = new_email, clock.now()
    # The person record follows its account, unless another person has the address.
    if user.person is not None and not _taken_by_person(session, new_email, user.person):
        user.person.email = new_email
    flash(request, _("Your e-mail address is changed."))
    return HTTPFound(request.route_path("account"))


def _taken_by_person(session, email, person) -> bool:
    other = session.scalar(select(Person).where(Person.email == email))
    return other is not None and other is not person
