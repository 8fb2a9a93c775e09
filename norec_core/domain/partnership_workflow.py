"""The core's own workflows, declared through the same hook as the plugins' are."""

from __future__ import annotations

from norec_core.contributions import State, Transition, Workflow
from norec_core.domain.models import Partnership
from norec_core.i18n import _
from norec_core.security import PARTNERSHIP_DECIDE


def _partners_in_two_countries(request, partnership: Partnership):
    if len({o.country for o in partnership.organisations}) < 2:
        return _("A partnership needs organisations in at least two countries.")
    return None


PARTNERSHIP = Workflow(
    name="partnership",
    model=Partnership,
    initial="proposed",
    states=(
        State("proposed", _("Proposed")),
        State("approved", _("Approved")),
        State("rejected", _("Rejected")),
        State("ended", _("Ended")),
    ),
    transitions=(
        Transition(
            "approve",
            _("Approve"),
            ("proposed",),
            "approved",
            PARTNERSHIP_DECIDE,
            guard=_partners_in_two_countries,
        ),
        Transition(
            "reject",
            _("Reject"),
            ("proposed",),
            "rejected",
            PARTNERSHIP_DECIDE,
            comment_required=True,
        ),
        Transition(
            "reopen",
            _("Reopen"),
            ("rejected", "ended"),
            "proposed",
            PARTNERSHIP_DECIDE,
            comment_required=True,
        ),
        Transition("end", _("End"), ("approved",), "ended", PARTNERSHIP_DECIDE),
    ),
)
