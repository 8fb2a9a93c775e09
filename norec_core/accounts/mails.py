"""The e-mails of accounts, as translatable texts; sent through the outbox."""

from __future__ import annotations

import datetime

from pyramid.request import Request

from norec_core import clock
from norec_core.accounts import tokens
from norec_core.accounts.models import User
from norec_core.i18n import _
from norec_core.mail.outbox import send_mail

# Requests that anyone can make (registering, forgetting a password, changing an
# address) mail at most once in this time, or a button could flood someone's inbox.
RESEND_AFTER = datetime.timedelta(minutes=5)


def may_mail(user: User) -> bool:
    return user.account_mail_at is None or clock.now() - user.account_mail_at > RESEND_AFTER


def _mail(request: Request, user: User, to: str, subject, body) -> None:
    user.account_mail_at = clock.now()
    send_mail(request, to, subject, body)


def confirm_account(request: Request, user: User, names: dict) -> None:
    token = tokens.issue(request.dbsession, user, "confirm", names)
    link = request.route_url("register.confirm", token=token)
    _mail(
        request,
        user,
        user.email,
        _("Confirm your account"),
        _(
            "Welcome to ${agency}. Open this link to confirm your e-mail address and start "
            "using your account (the link works for two days):\n\n${link}\n\n"
            "If you did not register, ignore this message.",
            mapping={"link": link},
        ),
    )


def already_registered(request: Request, user: User) -> None:
    # Said by mail, not on the page: the page must not reveal who has an account.
    _mail(
        request,
        user,
        user.email,
        _("You already have an account"),
        _(
            "Someone, perhaps you, tried to register with this e-mail address, which "
            "already has an account. To log in without your password, reset it here:"
            "\n\n${link}",
            mapping={"link": request.route_url("password.forgot")},
        ),
    )


def reset_password(request: Request, user: User, purpose: str = "reset") -> None:
    token = tokens.issue(request.dbsession, user, purpose)
    link = request.route_url("password.reset", token=token)
    if purpose == "invite":
        subject = _("Your account at ${agency}")
        body = _(
            "An account has been made for you at ${agency}. Choose your password here "
            "(the link works for seven days):\n\n${link}",
            mapping={"link": link},
        )
    else:
        subject = _("Reset your password")
        body = _(
            "Open this link to choose a new password (it works once, for one hour):"
            "\n\n${link}\n\nIf you did not ask for this, ignore this message: your "
            "password stays as it is.",
            mapping={"link": link},
        )
    _mail(request, user, user.email, subject, body)


def confirm_new_email(request: Request, user: User, new_email: str) -> None:
    token = tokens.issue(request.dbsession, user, "email", {"email": new_email})
    _mail(
        request,
        user,
        new_email,
        _("Confirm your new e-mail address"),
        _(
            "Open this link to use this address for your ${agency} account (it works for "
            "one day):\n\n${link}",
            mapping={"link": request.route_url("account.email.confirm", token=token)},
        ),
    )
    _mail(
        request,
        user,
        user.email,
        _("Your e-mail address is about to change"),
        _(
            "Someone asked to move your ${agency} account to ${email}. If that was not you, "
            "change your password now.",
            mapping={"email": new_email},
        ),
    )
