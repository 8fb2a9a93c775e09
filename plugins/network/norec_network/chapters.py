"""Country chapters: the members of a country, its activities, and a discussion among
members (posts and replies) that advisers moderate, with a weekly digest by mail for
those who follow the chapter."""

from __future__ import annotations

import datetime

from pyramid.request import Request
from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload

from norec_core import MailingList, Person, join_list, list_members, now, send_mail
from norec_network.i18n import _
from norec_network.models import ChapterFollow, Member, Post

DIGEST = "network.digest"  # the mailing list of the weekly digest
DIGEST_LIST = MailingList(
    DIGEST,
    _("${agency} Network: weekly digest of the chapters you follow"),
    _("Send me, once a week, the new posts in the network chapters I follow"),
    "2026-11",
    double_opt_in=False,  # joined by following a chapter, logged in
)
WEEK = datetime.timedelta(days=7)


def member_counts(session) -> list[tuple[str, int]]:
    """Each country with members, and how many, the largest first."""
    return session.execute(
        select(Person.country, func.count(Member.id))
        .join(Member, Member.person_id == Person.id)
        .where(Person.country.is_not(None))
        .group_by(Person.country)
        .order_by(func.count(Member.id).desc(), Person.country)
    ).all()


def member_count(session, country: str) -> int:
    return session.scalar(
        select(func.count(Member.id))
        .join(Person, Person.id == Member.person_id)
        .where(Person.country == country)
    )


def threads(session, country: str):
    """The chapter's threads, the one with the latest post first, as a query to page."""
    return (
        select(Post)
        .where(Post.country == country, Post.parent_id.is_(None))
        .options(selectinload(Post.author).selectinload(Member.person))
        .order_by(Post.last_reply_at.desc(), Post.id.desc())
    )


def reply_counts(session, posts: list[Post]) -> dict[int, int]:
    found = dict(
        session.execute(
            select(Post.parent_id, func.count())
            .where(Post.parent_id.in_([p.id for p in posts]), Post.hidden_at.is_(None))
            .group_by(Post.parent_id)
        ).all()
    )
    return {p.id: found.get(p.id, 0) for p in posts}


def write(session, author: Member, country: str, body: str, title: str = "", parent=None):
    post = Post(country=country, author=author, title=title, body=body, parent_id=None)
    if parent is not None:
        post.parent_id, post.country = parent.id, parent.country
        parent.last_reply_at = now()
    session.add(post)
    session.flush()
    return post


def hide(post: Post, reason: str) -> None:
    post.hidden_at, post.hidden_reason = now(), reason


def show(post: Post) -> None:
    post.hidden_at, post.hidden_reason = None, ""


def follows(session, member: Member) -> set[str]:
    return set(
        session.scalars(select(ChapterFollow.country).where(ChapterFollow.member_id == member.id))
    )


def follow(request: Request, member: Member, country: str, on: bool) -> None:
    """Follow a chapter (and get the weekly digest), or stop following it."""
    session = request.dbsession
    session.execute(
        delete(ChapterFollow).where(
            ChapterFollow.member_id == member.id, ChapterFollow.country == country
        )
    )
    if on:
        session.add(ChapterFollow(member_id=member.id, country=country))
        # The digest list has no double opt-in: the member asked, logged in.
        join_list(request, member.person, DIGEST)
    session.flush()


def send_digests(request: Request) -> int:
    """Weekly: each member on the digest list gets the week's new posts in the chapters
    they follow (not their own), in one mail; returns how many mails went."""
    session = request.dbsession
    since = now() - WEEK
    posts = session.scalars(
        select(Post)
        .where(Post.created_at >= since, Post.hidden_at.is_(None))
        .options(selectinload(Post.author).selectinload(Member.person))
        .order_by(Post.country, Post.id)
    ).all()
    if not posts:
        return 0
    readers = session.execute(
        select(Member, ChapterFollow.country)
        .join(ChapterFollow, ChapterFollow.member_id == Member.id)
        .join(Person, Person.id == Member.person_id)
        .where(list_members(request, DIGEST), Person.email.is_not(None))
        .options(selectinload(Member.person))
        .order_by(Member.id)
    ).all()
    titles = dict(
        session.execute(
            select(Post.id, Post.title).where(Post.id.in_({p.parent_id or p.id for p in posts}))
        ).all()
    )
    chapters: dict[int, tuple[Member, set[str]]] = {}
    for member, country in readers:
        chapters.setdefault(member.id, (member, set()))[1].add(country)
    sent = 0
    for member, countries in chapters.values():
        theirs = [p for p in posts if p.country in countries and p.author_id != member.id]
        if not theirs:
            continue
        lines = "\n".join(
            f"- {'Re: ' if p.parent_id else ''}{titles[p.parent_id or p.id]} "
            f"({p.author.person.full_name}): "
            f"{request.route_url('network.post', id=p.parent_id or p.id)}"
            for p in theirs
        )
        send_mail(
            request,
            member.person.email,
            _("This week in ${agency} Network"),
            _(
                "Dear ${name},\n\nNew in the chapters you follow:\n\n${lines}",
                mapping={"name": member.person.given_name, "lines": lines},
            ),
            bulk_for=member.person,
            mailing_list=DIGEST,
        )
        sent += 1
    return sent
