"""Demonstration applications, each as far as its post has come: all decided in the
closed round, every state in the round in screening (and two shortlists sent, one post
filled), only received in the open rounds. A candidate who misses a rule moves on only
by override, with the reason in the history, as the workflow asks; the talent pool and
the candidates' alerts."""

from __future__ import annotations

import datetime
import random

from sqlalchemy import select

from norec_core import import_history, now
from norec_multilateral import eligibility
from norec_multilateral.models import (
    Alert,
    Candidacy,
    MultilateralPost,
    PanelScore,
    Placement,
    PoolEntry,
)
from norec_multilateral.workflow import CANDIDACY_WORKFLOW, OPEN, OVERRIDES

# How far an application has come, by how far its post has come: every state is shown.
SCREENING = (
    (),
    ("screen_in",),
    ("screen_out",),
    ("screen_in", "longlist"),
    ("screen_in", "longlist", "interview"),
    ("screen_in", "longlist", "interview", "shortlist"),
    ("screen_in", "longlist", "not_select"),
    ("withdraw",),
)
SENT = (
    ("screen_out",),
    ("screen_in", "longlist", "not_select"),
    ("screen_in", "longlist", "interview", "not_select"),
    ("screen_in", "longlist", "interview", "shortlist", "nominate"),
)
REASONS = {
    "screen_out": "The master's degree is not finished by the deadline.",
    "not_select": "Others came closer to the post's profile.",
}


# In the closed round every application has ended.
CLOSED = (
    ("screen_out",),
    ("screen_in", "longlist", "not_select"),
    ("screen_in", "longlist", "interview", "not_select"),
    ("screen_in", "longlist", "interview", "shortlist", "nominate"),
    ("withdraw",),
)
REASONS = {
    "screen_out": "The master's degree is not finished by the deadline.",
    "not_select": "Others came closer to the post's profile.",
    "override": "The rest of the profile is strong, and the organisation accepts it.",
}


def _steps(candidacy, steps, rng) -> tuple[str, ...]:
    """An application that misses a rule goes forward only by override (one in four
    here); the others are screened out."""
    if candidacy.eligible or not steps or steps[0] != "screen_in":
        return steps
    if rng.random() < 0.75:
        return ("screen_out",)
    forward = {step: name for name, step in OVERRIDES.items()}
    return tuple(forward.get(step, step) for step in steps)


def apply(dbsession, candidates, rounds, today) -> None:
    """Applications for the published posts, each as far as its round has come."""
    rng = random.Random(7)  # noqa: S311
    posts = [p for r in rounds.values() for p in r.posts if p.published]
    posts += dbsession.scalars(
        select(MultilateralPost).where(MultilateralPost.round_id.is_(None))
    ).all()
    screened, closed = rounds["jpo27"].posts, rounds["jpo_closed"].posts
    sent = screened[:3]
    for candidate in candidates:
        for post in rng.sample(posts, rng.choice((1, 2, 2, 3))):
            candidacy = Candidacy(
                post=post,
                candidate=candidate,
                person_id=candidate.person_id,
                motivation="I have worked with this for years and want to serve in the UN.",
                # Before the deadline, and never after today.
                submitted_at=min(
                    post.deadline - datetime.timedelta(days=rng.randint(2, 30)),
                    now() - datetime.timedelta(hours=1),
                ),
            )
            eligibility.assess(candidacy)
            dbsession.add(candidacy)
            if post in closed:
                steps = rng.choice(CLOSED)
            elif post in sent:
                steps = rng.choice(SENT)
            elif post.deadline < now():
                steps = rng.choice(SCREENING)
            else:
                steps = ("withdraw",) if rng.random() < 0.05 else ()
            _history(dbsession, candidacy, _steps(candidacy, steps, rng), post.deadline, rng)
    for post in sent:
        post.shortlist_sent_on = today - datetime.timedelta(days=10)
    _select(dbsession, screened[0], today + datetime.timedelta(days=60))
    _close(dbsession, closed, today)


def _close(dbsession, posts, today) -> None:
    """The closed round: one post filled (its JPO began some months ago), one not filled
    by the organisation, one cancelled; nothing is left open."""
    for post in posts:
        post.shortlist_sent_on = (post.deadline + datetime.timedelta(days=40)).date()
    filled, not_filled, cancelled = posts
    _select(dbsession, filled, today - datetime.timedelta(days=150))
    filled.outcome = filled.outcome or "not_filled"  # had nobody been nominated
    not_filled.outcome, cancelled.outcome = "not_filled", "cancelled"
    for post in (filled, not_filled, cancelled):
        still_open = dbsession.scalars(
            select(Candidacy).where(Candidacy.post_id == post.id, Candidacy.state.in_(OPEN))
        ).all()
        for candidacy in still_open:
            at = post.deadline + datetime.timedelta(days=90)
            steps = [("not_select", at, "Recruitment adviser", REASONS["not_select"])]
            import_history(dbsession, candidacy, CANDIDACY_WORKFLOW, steps)


def _reason(step: str) -> str:
    return REASONS["override"] if step in OVERRIDES else REASONS.get(step, "")


def _history(dbsession, candidacy, steps, deadline, rng) -> None:
    start = min(deadline + datetime.timedelta(days=1), now())
    import_history(
        dbsession,
        candidacy,
        CANDIDACY_WORKFLOW,
        [
            (
                name,
                start + datetime.timedelta(days=3 * k),
                "Recruitment adviser",
                _reason(name),
            )
            for k, name in enumerate(steps)
        ],
    )
    if "interview" in steps:
        for panellist in ("Kari Nordmann, Norec", "HR, the organisation"):
            dbsession.add(
                PanelScore(candidacy_id=candidacy.id, panellist=panellist, score=rng.randint(2, 5))
            )


def _select(dbsession, post, started_on) -> None:
    """The organisation chose one of the nominated: the post is filled and placed."""
    nominated = dbsession.scalars(
        select(Candidacy).where(Candidacy.post_id == post.id, Candidacy.state == "nominated")
    ).first()
    if nominated is None:
        return
    at = min(now(), post.deadline + datetime.timedelta(days=60))
    import_history(
        dbsession, nominated, CANDIDACY_WORKFLOW, [("select", at, "Recruitment adviser", "")]
    )
    post.outcome = "filled"
    dbsession.add(
        Placement(
            person_id=nominated.person_id,
            candidacy_id=nominated.id,
            programme=post.programme,
            organisation_id=post.organisation_id,
            title=post.title,
            duty_station=post.duty_station,
            started_on=started_on,
        )
    )


def pool_and_alerts(dbsession, candidates, organisations) -> None:
    rng = random.Random(8)  # noqa: S311
    consented = now() - datetime.timedelta(days=300)
    for n, candidate in enumerate(candidates[10:22]):
        active = n % 4 != 3
        dbsession.add(
            PoolEntry(
                candidate_id=candidate.id,
                status="active" if active else "proposed",
                proposed_by="recruitment@example.org",
                proposed_at=consented - datetime.timedelta(days=3),
                reason="Strong interview in the JPO round 2026.",
                consented_at=consented if active else None,
                retain_until=(consented + datetime.timedelta(days=730 - 40 * n)).date()
                if active
                else None,
            )
        )
    for candidate in rng.sample(candidates, 40):
        dbsession.add(
            Alert(
                person_id=candidate.person_id,
                programme=rng.choice(("", "jpo", "unv")),
                organisation_id=rng.choice(
                    (None, organisations["UNICEF"].id, organisations["UNDP"].id)
                ),
                field=rng.choice(("", "health", "climate", "gender")),
            )
        )
