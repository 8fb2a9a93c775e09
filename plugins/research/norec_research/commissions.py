"""Research commissions: a call is open until its deadline; each proposal is assessed
(a score and a text the proposer never reads), shortlisted, declined or awarded, and
the proposer is told of the decision by mail."""

from __future__ import annotations

from norec_core import FileKind, now
from norec_research import notices
from norec_research.i18n import _
from norec_research.models import Commission, Proposal

PROPOSAL_STATES = {
    "submitted": _("Received"),
    "shortlisted": _("Shortlisted"),
    "awarded": _("Awarded"),
    "declined": _("Not chosen"),
}
DECISIONS = ("shortlisted", "awarded", "declined")
PROPOSAL_FILES = FileKind(
    frozenset({"application/pdf"}), 20 * 1024 * 1024, accept="application/pdf"
)


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


def decide(request, proposal: Proposal, state: str) -> None:
    """Shortlist, decline or award `proposal`; the proposer hears of the last two."""
    proposal.state = state
    if state == "shortlisted":
        return
    notices.proposal_decided(request, proposal, state == "awarded")
