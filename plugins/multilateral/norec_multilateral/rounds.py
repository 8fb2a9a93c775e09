"""Where a recruitment round and each of its posts stand, read from the dates and the
outcome recorded: a post is reserved with the organisation, published, screened, its
shortlist sent, and finally filled, not filled or cancelled."""

from __future__ import annotations

import datetime

from norec_core import SITE_TIMEZONE, now
from norec_multilateral import notices
from norec_multilateral.i18n import _
from norec_multilateral.models import MultilateralPost, Placement, RecruitmentRound

# The programmes a round, and each of its posts, belongs to.
PROGRAMMES = {
    "jpo": _("Junior Professional Officer (JPO)"),
    "unv": _("UN Volunteer (UNV)"),
    "senior": _("Senior post or secondment"),
}
POST_STAGES = {
    "reserved": _("Reserved with the organisation"),
    "published": _("Published: open for applications"),
    "screening": _("Screening and interviews"),
    "sent": _("Shortlist sent to the organisation"),
    "filled": _("Filled"),
    "not_filled": _("Not filled"),
    "cancelled": _("Cancelled"),
}
OUTCOMES = ("filled", "not_filled", "cancelled")
ROUND_STAGES = {
    "planned": _("Planned: posts being reserved"),
    "open": _("Open for applications"),
    "screening": _("Screening and interviews"),
    "with_organisations": _("With the organisations"),
    "closed": _("Closed"),
}


def today() -> datetime.date:
    return now().astimezone(SITE_TIMEZONE).date()


def post_stage(post: MultilateralPost) -> str:
    if post.outcome:
        return post.outcome
    if post.shortlist_sent_on:
        return "sent"
    if not post.published:
        return "reserved"
    return "published" if post.deadline >= now() else "screening"


def round_stage(recruitment_round: RecruitmentRound) -> str:
    stages = {post_stage(p) for p in recruitment_round.posts}
    if not stages or stages == {"reserved"}:
        return "planned"
    if stages <= set(OUTCOMES):
        return "closed"
    for stage, round_is in (("published", "open"), ("screening", "screening")):
        if stage in stages:
            return round_is
    return "with_organisations"


def publish(recruitment_round: RecruitmentRound) -> list[MultilateralPost]:
    """Publish the round's reserved posts with the round's deadline; returns them, for
    the alerts."""
    posts = [p for p in recruitment_round.posts if not p.published and not p.outcome]
    for post in posts:
        post.published = True
        if recruitment_round.deadline is not None:
            post.deadline = recruitment_round.deadline
    recruitment_round.published_on = today()
    return posts


def place(request, candidacy, entry) -> None:
    """After "selected": the post is filled, and the person's placement is on record
    for the careers and retention figures."""
    post = candidacy.post
    post.outcome = "filled"
    notices.close_the_others(request, candidacy)
    request.dbsession.add(
        Placement(
            person_id=candidacy.person_id or candidacy.candidate.person_id,
            candidacy_id=candidacy.id,
            programme=post.programme,
            organisation_id=post.organisation_id,
            title=post.title,
            duty_station=post.duty_station,
            started_on=today(),
        )
    )
