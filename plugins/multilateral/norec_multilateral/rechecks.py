"""The eligibility of open applications checked again when what it rests on changes: the
candidate's profile (citizenship, birth date, education, work, languages) or the post's
rules. An application already decided keeps the checks it was decided on."""

from __future__ import annotations

from sqlalchemy import select

from norec_multilateral.eligibility import assess
from norec_multilateral.models import Candidacy
from norec_multilateral.workflow import OPEN


def _reassess(candidacies) -> list[Candidacy]:
    """Check each again; returns those whose eligibility changed."""
    changed = []
    for candidacy in candidacies:
        before = candidacy.eligible
        assess(candidacy)
        if candidacy.eligible != before:
            changed.append(candidacy)
    return changed


def candidate_changed(session, candidate) -> list[Candidacy]:
    """Check the candidate's open applications again; returns them."""
    session.flush()
    session.refresh(candidate)  # the parts just added or removed
    found = session.scalars(
        select(Candidacy).where(Candidacy.candidate_id == candidate.id, Candidacy.state.in_(OPEN))
    ).all()
    _reassess(found)
    return found


def post_changed(session, post) -> list[Candidacy]:
    """Check the post's open applications again against its rules as they are now;
    returns those whose eligibility changed."""
    return _reassess(
        session.scalars(
            select(Candidacy).where(Candidacy.post_id == post.id, Candidacy.state.in_(OPEN))
        )
    )
