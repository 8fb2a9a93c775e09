"""What the research plugin tells people: authors when their publication is published or
withdrawn (its title in their language where it has one), proposers of research when
their proposal is received and decided."""

from __future__ import annotations

from pyramid.request import Request

from norec_core import NoticeKind, notify
from norec_research import reading
from norec_research.i18n import _
from norec_research.models import Proposal, Publication

KINDS = [
    NoticeKind(
        "research.published",
        _("Your publication is published"),
        _("When a publication you are an author of is published or withdrawn."),
    ),
    NoticeKind(
        "research.proposal",
        _("Proposal received"),
        _("A receipt for a proposal you send to a call for research."),
    ),
    NoticeKind("research.decision", _("Decision on a proposal"), required=True),
]


def step_taken(request: Request, publication: Publication, entry) -> None:
    """Tell the authors that their publication is out, or withdrawn and why."""
    if entry.transition not in ("publish", "withdraw"):
        return

    def title(layout):
        return reading.title_of(publication, layout.locale_name)

    if entry.transition == "publish":
        subject = _("Published: ${title}", mapping={"title": title})
        body = _(
            "${title} is published, with you as one of its authors. Its page gives its "
            "citation in the common formats, and its files to download.",
            mapping={"title": title},
        )
    else:
        subject = _("Withdrawn: ${title}", mapping={"title": title})
        body = _(
            "${title}, of which you are an author, is withdrawn. Its page now says so, "
            "with the reason:\n\n${reason}",
            mapping={"title": title, "reason": entry.comment},
        )
    for author in publication.authors:
        notify(
            request,
            "research.published",
            author.person,
            subject,
            body,
            url=request.route_url("research.publication", id=publication.id),
        )


def proposal_received(request: Request, proposal: Proposal) -> None:
    notify(
        request,
        "research.proposal",
        proposal.person,
        _("Your proposal: ${title}", mapping={"title": proposal.title}),
        _(
            "Thank you. We have received your proposal to the call ${call}. We write to "
            "you when it has been assessed.",
            mapping={"call": proposal.commission.title},
        ),
        url=request.route_url("research.proposal", id=proposal.id),
    )


def proposal_decided(request: Request, proposal: Proposal, awarded: bool) -> None:
    about = {"title": proposal.title, "call": proposal.commission.title}
    message = (
        _(
            "We are glad to tell you that your proposal ${title} to the call ${call} is "
            "awarded. We will contact you about the contract.",
            mapping=about,
        )
        if awarded
        else _(
            "Thank you for your proposal ${title} to the call ${call}. Another proposal "
            "was chosen this time.",
            mapping=about,
        )
    )
    notify(
        request,
        "research.decision",
        proposal.person,
        _("The call ${call}: your proposal", mapping=about),
        message,
        url=request.route_url("research.proposal", id=proposal.id),
    )
