"""Queries on activities that the core's pages and the plugins' pages share."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from norec_core import clock
from norec_core.domain.models import Activity


def upcoming_activities(session: Session, kinds: Iterable[str] | None = None, limit: int = 10):
    """Activities not yet over, soonest first; only those of `kinds` when given."""
    query = select(Activity).where(Activity.ends_at >= clock.now())
    if kinds is not None:
        query = query.where(Activity.kind.in_(list(kinds)))
    query = query.options(selectinload(Activity.organisation))
    return session.scalars(query.order_by(Activity.starts_at).limit(limit)).all()


def past_activities(session: Session, kinds: Iterable[str] | None = None, limit: int = 10):
    """Activities that are over, latest first."""
    query = select(Activity).where(Activity.ends_at < clock.now())
    if kinds is not None:
        query = query.where(Activity.kind.in_(list(kinds)))
    return session.scalars(query.order_by(Activity.starts_at.desc()).limit(limit)).all()
