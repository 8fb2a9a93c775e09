"""The daily digest: one mail to each person who chose it, with every notice of theirs
that waited for it, in their language."""

from __future__ import annotations

from itertools import groupby

from pyramid.request import Request
from sqlalchemy import select

from norec_core import clock
from norec_core.i18n import _, localizer_for
from norec_core.mail.outbox import send_mail
from norec_core.notices.models import Notice
from norec_core.notices.notify import open_line


def send_digests(request: Request) -> int:
    """Mail each account its waiting digest notices; how many mails went."""
    session = request.dbsession
    waiting = session.scalars(
        select(Notice)
        .where(Notice.delivery == "digest", Notice.mailed_at.is_(None), Notice.email.is_not(None))
        .order_by(Notice.email, Notice.id)
    ).all()
    sent = 0
    for email, notices in groupby(waiting, key=lambda n: n.email):
        notices = list(notices)
        # Written in the language of the newest: a language chosen meanwhile applies.
        language = notices[-1].language
        localizer = localizer_for(request, language)
        subject = localizer.translate(
            _("${count} notices from the platform", mapping={"count": len(notices)})
            if len(notices) > 1
            else _("A notice from the platform")
        )
        message = send_mail(request, email, subject, _body(request, notices), locale=language)
        now = clock.now()
        for notice in notices:
            notice.mailed_at, notice.message_id = now, message.id
        sent += 1
    return sent


def _body(request: Request, notices: list[Notice]) -> str:
    localizer = localizer_for(request, notices[-1].language)
    parts = []
    for notice in notices:
        lines = [notice.subject, "", notice.body.rstrip()]
        if notice.url:
            lines.append(open_line(localizer, notice.url))
        parts.append("\n".join(lines))
    footer = localizer.translate(
        _(
            "You chose to be told of these once a day. Choose otherwise at ${url}",
            mapping={"url": request.route_url("notices.settings")},
        )
    )
    return "\n\n* * *\n\n".join(parts) + f"\n\n-- \n{footer}\n"
