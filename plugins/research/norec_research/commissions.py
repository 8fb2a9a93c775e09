"""Research commissions: a call is open until its deadline; each proposal is assessed
(a score and a text the proposer never reads), shortlisted, declined or awarded, and
the proposer is told of the decision by mail."""

from __future__ import annotations

from norec_core import now, recipient_language, send_mail
from norec_research.i18n import _
from norec_research.models import Commission, Proposal

PROPOSAL_STATES = {
    "submitted": _("Received"),
    "shortlisted": _("Shortlisted"),
    "awarded": _("Awarded"),
    "declined": _("Not chosen"),
}
DECISIONS = ("shortlisted", "awarded", "declined")
PROPOSAL_TYPES = {"application/pdf"}
PROPOSAL_SIZE = 20 * 1024 * 1024


def stage(commission: Commission) -> str:
    if any(p.state == "awarded" for p in commission.proposals):
        return "awarded"
    if not commission.published:
        return "draft"
    return "open" if commission.deadline >= now() else "closed"


STAGES = {
    "draft": _("Not published yet"),
    "open": _("Open for proposals"),
    "closed": _("Closed: proposals being assessed"),
    "awarded": _("Awarded"),
}


def receipt(request, proposal: Proposal) -> None:
    send_mail(
        request,
        proposal.person.email,
        _("Your proposal: ${title}", mapping={"title": proposal.title}),
        _(
            "Thank you. Norec has received your proposal to the call ${call}. We write to "
            "you when it has been assessed. You can follow it here:\n${link}",
            mapping={
                "call": proposal.commission.title,
                "link": request.route_url("research.proposal", id=proposal.id),
            },
        ),
        locale=recipient_language(request, person=proposal.person),
    )


def decide(request, proposal: Proposal, state: str) -> None:
    """Shortlist, decline or award `proposal`; the proposer hears of the last two."""
    proposal.state = state
    if state == "shortlisted":
        return
    message = (
        _(
            "We are glad to tell you that your proposal ${title} to the call ${call} is "
            "awarded. Norec will contact you about the contract.",
            mapping={"title": proposal.title, "call": proposal.commission.title},
        )
        if state == "awarded"
        else _(
            "Thank you for your proposal ${title} to the call ${call}. Another proposal "
            "was chosen this time.",
            mapping={"title": proposal.title, "call": proposal.commission.title},
        )
    )
    send_mail(
        request,
        proposal.person.email,
        _("The call ${call}: your proposal", mapping={"call": proposal.commission.title}),
        message,
        locale=recipient_language(request, person=proposal.person),
    )
