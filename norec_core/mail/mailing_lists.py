"""Mailing lists declared by plugins: joining with double opt-in, leaving with one click,
and every change kept as a consent record with the words agreed to."""

from __future__ import annotations

from pyramid.request import Request
from sqlalchemy import ColumnElement, select

from norec_core import clock
from norec_core.audit.recorder import actor_of
from norec_core.contributions import MailingList
from norec_core.domain.action_links import action_link
from norec_core.domain.models import ConsentRecord, ListSubscription, Person
from norec_core.i18n import _
from norec_core.mail.outbox import send_mail

CONFIRM = "lists.confirm"  # the action purpose of the double opt-in link


class UnknownList(LookupError):
    """No installed plugin declares a mailing list by this name."""


def declared(request: Request, name: str) -> MailingList:
    found = request.registry["norec.mailing_lists"].get(name)
    if found is None:
        raise UnknownList(name)
    return found


def subscription(request: Request, person: Person, name: str) -> ListSubscription | None:
    return request.dbsession.scalar(
        select(ListSubscription).where(
            ListSubscription.person_id == person.id, ListSubscription.list_name == name
        )
    )


def _set(request: Request, person: Person, name: str, status: str) -> ListSubscription:
    row = subscription(request, person, name)
    if row is None:
        row = ListSubscription(person_id=person.id, list_name=name, status=status)
        request.dbsession.add(row)
    row.status, row.changed_at = status, clock.now()
    if status != "pending":
        mailing_list = declared(request, name)
        request.dbsession.add(
            ConsentRecord(
                person_id=person.id,
                kind=f"list:{name}"[:30],
                granted=status == "subscribed",
                text_version=mailing_list.version,
                text=request.localizer.translate(mailing_list.text),
                actor=actor_of(request.dbsession)[1],
            )
        )
    request.dbsession.flush()
    return row


def join_list(request: Request, person: Person, name: str) -> ListSubscription:
    """Subscribe `person`, or, for a double opt-in list, mail them the link that does."""
    mailing_list = declared(request, name)
    if not mailing_list.double_opt_in:
        return _set(request, person, name, "subscribed")
    if not person.email:
        raise ValueError("a double opt-in list needs the person's e-mail address")
    row = _set(request, person, name, "pending")
    link = action_link(request, CONFIRM, person=person, data={"list": name})
    title = request.localizer.translate(mailing_list.title)
    send_mail(
        request,
        person.email,
        _("Confirm: ${list}", mapping={"list": title}),
        _(
            "Someone, perhaps you, asked for ${list} to be sent to this address. Open "
            "this link to confirm:\n\n${link}\n\nIf it was not you, ignore this message.",
            mapping={"list": title, "link": link},
        ),
    )
    return row


def confirm(request: Request, link) -> str:
    """The double opt-in link's action: subscribe the person it was sent to."""
    name = link.data["list"]
    _set(request, link.person, name, "subscribed")
    title = request.localizer.translate(declared(request, name).title)
    return request.localizer.translate(_("You are on the list: ${list}.", mapping={"list": title}))


def leave_list(request: Request, person: Person, name: str) -> None:
    """Take `person` off the mailing list `name` (a declared `MailingList`)."""
    declared(request, name)
    _set(request, person, name, "unsubscribed")


def list_members(request: Request, name: str) -> ColumnElement[bool]:
    """The SQL condition on `Person` of those subscribed to the list `name`."""
    declared(request, name)
    return Person.id.in_(
        select(ListSubscription.person_id).where(
            ListSubscription.list_name == name, ListSubscription.status == "subscribed"
        )
    )
