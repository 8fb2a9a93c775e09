"""Telling a person what concerns them: the notice kept for their notices page, and its
mail, at once through the outbox (delivered after the commit) or in the daily digest."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from pyramid.i18n import TranslationString
from pyramid.request import Request
from sqlalchemy import select

from norec_core import clock
from norec_core.accounts.models import User
from norec_core.domain.models import Person
from norec_core.i18n import _, localizer_for, translate
from norec_core.i18n.recipients import recipient_language
from norec_core.mail.outbox import one_line, send_mail
from norec_core.notices.models import Notice, NoticePreference

Text = str | TranslationString
Attachments = list[tuple[str, str, bytes]]


def notify(
    request: Request,
    kind: str,
    to: Any,
    subject: Text,
    body: Text,
    *,
    url: str | None = None,
    country: str | None = None,
    attachments: Attachments | Callable[[str], Attachments] = (),
    reply_to: str | None = None,
) -> Notice:
    """Tell `to` (a `User` or a `Person`) something of the declared `kind`.

    `subject` and `body` are translated into the recipient's language, with the dates and
    datetimes of their mappings written as that language writes them (and a function in
    a mapping called with `request.layout` in that language, for an amount) (the one rule of
    `recipient_language`; `country` is where they are when their record does not say,
    such as the country of the organisation a contact person writes for). Write in them
    only what the recipient may see. `url` is the record's page, absolute
    (`request.route_url`, which begins with norec.base_url); the mail ends with it.
    `attachments` are (file name, media type, bytes), or a function of the language
    that makes them (a letter in the recipient's language). Returns the notice, which
    `Notice.language` says the language of.
    """
    declared = request.registry["norec.notice_kinds"]
    if kind not in declared:
        raise ValueError(f"no plugin declares the notice kind {kind!r}")
    user, person, email = _recipient(request.dbsession, to)
    language = recipient_language(request, person=person, user=user, country=country)
    localizer = localizer_for(request, language)
    notice = Notice(
        kind=kind,
        user_id=user and user.id,
        person_id=person and person.id,
        email=email,
        language=language,
        subject=one_line(translate(localizer, _written_in(request, language, subject))),
        body=translate(localizer, _written_in(request, language, body)),
        url=url,
        delivery=_delivery(request.dbsession, declared[kind], user) if email else "none",
    )
    request.dbsession.add(notice)
    if notice.delivery == "now":
        files = attachments(language) if callable(attachments) else attachments
        message = send_mail(
            request,
            email,
            notice.subject,
            mail_body(request, notice, declared[kind].required or user is None),
            locale=language,
            attachments=files,
            reply_to=reply_to,
        )
        notice.message_id, notice.mailed_at = message.id, clock.now()
    request.dbsession.flush()
    return notice


def _written_in(request: Request, language: str, text: Text) -> Text:
    """`text` with the dates and moments of its mapping written as `language` writes them
    (a moment in the site's zone, with the zone's abbreviation), so that one text can go
    to people who read different languages."""
    if not isinstance(text, TranslationString) or not text.mapping:
        return text
    layout = request.layout.in_language(language)
    mapping = {}
    for key, value in text.mapping.items():
        if isinstance(value, datetime.datetime):
            value = layout.datetime(value)
        elif isinstance(value, datetime.date):
            value = layout.date(value)
        elif isinstance(value, TranslationString):
            value = _written_in(request, language, value)
        elif callable(value):  # an amount: lambda layout: layout.money(amount, "NOK")
            value = value(layout)
        mapping[key] = value
    return TranslationString(text, mapping=mapping)


def _recipient(session, to) -> tuple[User | None, Person | None, str | None]:
    """The account, the person record and the address: the account's own for a user."""
    if isinstance(to, User):
        return to, to.person, to.email
    if isinstance(to, Person):
        user = session.scalar(select(User).where(User.person_id == to.id, User.active))
        return user, to, to.email or (user.email if user is not None else None)
    raise TypeError(f"a notice goes to a User or a Person, not {type(to).__name__}")


def _delivery(session, kind, user: User | None) -> str:
    if kind.required or user is None:
        return "now"  # the law's, or nobody to choose: a person without an account
    chosen = session.get(NoticePreference, (user.id, kind.name))
    return chosen.delivery if chosen is not None else "now"


def mail_body(request: Request, notice: Notice, fixed: bool) -> str:
    """The notice's text with the record's link, and where to choose how one is told
    (unless the kind cannot be switched off or the person has no account)."""
    localizer = localizer_for(request, notice.language)
    parts = [notice.body.rstrip()]
    if notice.url and notice.url not in notice.body:  # unless the text has it already
        parts.append(open_line(localizer, notice.url))
    if not fixed:
        settings = request.route_url("notices.settings")
        parts.append(
            "-- \n"
            + localizer.translate(
                _(
                    "You can choose how you are told of this at ${url}",
                    mapping={"url": settings},
                )
            )
        )
    return "\n\n".join(parts) + "\n"


def open_line(localizer, url: str) -> str:
    return localizer.translate(_("Open it here: ${url}", mapping={"url": url}))
