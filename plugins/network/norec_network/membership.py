"""What becomes of a membership when two people records turn out to be one person."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from norec_network.models import (
    ChapterFollow,
    DirectoryEntry,
    Member,
    Mentoring,
    Post,
    RelayedMessage,
)


def merged(session, kept, merged) -> None:
    """Re-point the network's rows from `merged` to `kept`: the kept person's membership
    stays if both had one, and takes the other's mentoring relations."""
    for column in (RelayedMessage.sender_id, RelayedMessage.recipient_id):
        session.execute(
            update(RelayedMessage).where(column == merged.id).values({column.key: kept.id})
        )
    mine = session.scalars(select(Member).where(Member.person_id == merged.id)).first()
    if mine is None:
        return
    theirs = session.scalars(select(Member).where(Member.person_id == kept.id)).first()
    if theirs is None:
        mine.person_id = kept.id
        session.flush()
        return
    session.execute(update(Post).where(Post.author_id == mine.id).values(author_id=theirs.id))
    followed = {
        f.country
        for f in session.scalars(select(ChapterFollow).where(ChapterFollow.member_id == theirs.id))
    }
    for follow in session.scalars(select(ChapterFollow).where(ChapterFollow.member_id == mine.id)):
        if follow.country in followed:
            session.delete(follow)
        else:
            follow.member_id = theirs.id
    for column in (Mentoring.mentee_id, Mentoring.mentor_id):
        session.execute(update(Mentoring).where(column == mine.id).values({column.key: theirs.id}))
    # A relation of the person with themselves, which the merge made, is no relation.
    for relation in session.scalars(
        select(Mentoring).where(Mentoring.mentee_id == Mentoring.mentor_id)
    ):
        session.delete(relation)
    session.execute(delete(DirectoryEntry).where(DirectoryEntry.member_id == mine.id))
    session.delete(mine)
    session.flush()
