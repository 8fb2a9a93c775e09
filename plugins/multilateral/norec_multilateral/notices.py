"""What a candidate is told as their application goes through a round, in their own
language: its receipt, the screening (with the reason they may read), the interview, the
shortlist and nomination, and how it ended: selected, or not, when the post is filled by
another or the application goes no further."""

from __future__ import annotations

from pyramid.request import Request
from sqlalchemy import select

from norec_core import NoticeKind, notify, transition
from norec_multilateral import explanations
from norec_multilateral.i18n import _
from norec_multilateral.models import Candidacy

ENDED = ("ineligible", "selected", "not_selected", "withdrawn")
KINDS = [
    NoticeKind(
        "multilateral.received",
        _("Application received"),
        _("A receipt for each application you send."),
    ),
    NoticeKind(
        "multilateral.progress",
        _("Your application goes on"),
        _("Screened as eligible, invited to an interview, shortlisted, nominated."),
    ),
    NoticeKind(
        "multilateral.requirements",
        _("The requirements of a post changed"),
        _("When a post you applied for changes its requirements, and what it means for you."),
    ),
    NoticeKind(
        "multilateral.outcome",
        _("The outcome of an application"),
        _("Not eligible, selected or not selected: you are always told."),
        required=True,
    ),
]

# What the candidate reads at each step; the adviser's comment follows where it is theirs.
PROGRESS = {
    "screen_in": _(
        "Your application for ${post} meets the requirements of the post and goes on to "
        "the assessment of all eligible candidates."
    ),
    "longlist": _(
        "You are on the longlist for ${post}: you will be invited to an interview, and "
        "told its time and place."
    ),
    "shortlist": _(
        "After the interviews you are on the shortlist for ${post}. The recruitment "
        "adviser decides whom to nominate to ${organisation}."
    ),
    "nominate": _(
        "You are nominated to ${organisation} for ${post}. The organisation decides; "
        "you are told as soon as it has."
    ),
}


def _about(candidacy: Candidacy) -> dict:
    post = candidacy.post
    # The post's title in the recipient's language, where the advisers gave it.
    return {
        "post": lambda layout: layout.text(post, "title", markup=False),
        "organisation": post.organisation.name,
    }


def _tell(request, candidacy, kind, subject, body) -> None:
    notify(
        request,
        kind,
        candidacy.candidate.person,
        subject,
        body,
        url=request.route_url("multilateral.candidacy", id=candidacy.id),
    )


def received(request: Request, candidacy: Candidacy) -> None:
    _tell(
        request,
        candidacy,
        "multilateral.received",
        _("Received: your application for ${post}", mapping=_about(candidacy)),
        _(
            "We have received your application for ${post} at ${organisation}. The "
            "application deadline is ${deadline}; the screening begins after it, and you "
            "are told of each step.",
            mapping={**_about(candidacy), "deadline": candidacy.post.deadline},
        ),
    )


def step_taken(request: Request, candidacy: Candidacy, entry) -> None:
    """Tell the candidate of a step on their application (`norec_transition_done`)."""
    about = _about(candidacy)
    subject = _("Your application for ${post}", mapping=about)
    # A step taken by override tells the candidate what the step itself does.
    step = entry.transition.removesuffix("_override")
    if step in PROGRESS:
        body = _(PROGRESS[step], mapping=about)
        _tell(request, candidacy, "multilateral.progress", subject, body)
    elif entry.transition == "screen_out":
        body = _(
            "Your application for ${post} does not meet the requirements of the post, "
            "and goes no further:\n\n${reason}",
            mapping={**about, "reason": entry.comment},
        )
        _tell(request, candidacy, "multilateral.outcome", subject, body)
    elif entry.transition == "select":
        body = _(
            "${organisation} has selected you for ${post}. Congratulations! The recruitment "
            "adviser will contact you about the contract and the start.",
            mapping=about,
        )
        _tell(request, candidacy, "multilateral.outcome", subject, body)
    elif entry.transition == "not_select" and candidacy.post.outcome == "filled":
        body = _(
            "The post ${post} at ${organisation} is filled, and you were not selected for "
            "it. Thank you for applying; we hope to see you apply again.",
            mapping=about,
        )
        _tell(request, candidacy, "multilateral.outcome", subject, body)
    elif entry.transition == "not_select":
        body = _(
            "Your application for ${post} goes no further:\n\n${reason}\n\nThank you for "
            "applying; we hope to see you apply again.",
            mapping={**about, "reason": entry.comment},
        )
        _tell(request, candidacy, "multilateral.outcome", subject, body)


def requirements_changed(request: Request, candidacy: Candidacy) -> None:
    """Tell the candidate that the post's requirements changed, and whether their open
    application meets them now, with the rules it misses in their own words."""
    about = _about(candidacy)
    subject = _("The requirements of ${post} have changed", mapping=about)
    if candidacy.eligible:
        body = _(
            "The requirements of ${post} have changed: your application meets them all.",
            mapping=about,
        )
    else:
        checks = candidacy.checks
        body = _(
            "The requirements of ${post} have changed, and your application no longer "
            "meets them all:\n\n${rules}\n\nAn adviser reads every application. If your "
            "profile is not up to date, complete it: your application is checked again.",
            mapping={
                **about,
                "rules": lambda layout: "\n".join(
                    explanations.not_met(layout, checks, explanations.CANDIDATE)
                ),
            },
        )
    _tell(request, candidacy, "multilateral.requirements", subject, body)


def close_the_others(request: Request, selected: Candidacy) -> None:
    """Once the post is filled, every other application still open on it ends as not
    selected, and each candidate is told: none stays "nominated" for ever."""
    others = request.dbsession.scalars(
        select(Candidacy).where(
            Candidacy.post_id == selected.post_id,
            Candidacy.id != selected.id,
            Candidacy.state.not_in(ENDED),
        )
    ).all()
    comment = request.localizer.translate(_("The post is filled by another candidate."))
    for other in others:
        transition(request, other, "not_select", comment)
