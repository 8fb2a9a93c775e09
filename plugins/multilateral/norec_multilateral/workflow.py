"""An application's way through a recruitment round, as in the JPO process: screened
(eligible, or ineligible with the reason), longlisted, interviewed (with the panel's
scores), shortlisted, nominated to the organisation, and selected or not; the candidate
may withdraw until the organisation decides."""

from __future__ import annotations

from sqlalchemy import func, select

from norec_core import State, Transition, Workflow
from norec_multilateral import rounds
from norec_multilateral.i18n import _
from norec_multilateral.models import Candidacy, PanelScore
from norec_multilateral.permissions import MANAGE, WITHDRAW

OPEN = ("submitted", "eligible", "longlisted", "interviewed", "shortlisted", "nominated")
STATES = (
    State("submitted", _("Received")),
    State("eligible", _("Screened: eligible")),
    State("ineligible", _("Screened: not eligible")),
    State("longlisted", _("Longlisted")),
    State("interviewed", _("Interviewed")),
    State("shortlisted", _("Shortlisted")),
    State("nominated", _("Nominated to the organisation")),
    State("selected", _("Selected")),
    State("not_selected", _("Not selected")),
    State("withdrawn", _("Withdrawn")),
)
STATE_TITLES = {s.name: s.title for s in STATES}


def _scored(request, candidacy):
    count = request.dbsession.scalar(
        select(func.count()).select_from(PanelScore).where(PanelScore.candidacy_id == candidacy.id)
    )
    return None if count else _("Record the panel's scores of the interview first.")


TRANSITIONS = (
    Transition("screen_in", _("Eligible"), ("submitted",), "eligible", MANAGE),
    Transition(
        "screen_out",
        _("Not eligible"),
        ("submitted",),
        "ineligible",
        MANAGE,
        comment_required=True,
    ),
    Transition("longlist", _("Longlist"), ("eligible",), "longlisted", MANAGE),
    Transition("interview", _("Interviewed"), ("longlisted",), "interviewed", MANAGE, _scored),
    Transition("shortlist", _("Shortlist"), ("interviewed",), "shortlisted", MANAGE),
    Transition(
        "nominate", _("Nominate to the organisation"), ("shortlisted",), "nominated", MANAGE
    ),
    Transition(
        "select",
        _("Selected by the organisation"),
        ("nominated",),
        "selected",
        MANAGE,
        after=rounds.place,
    ),
    Transition(
        "not_select",
        _("Not selected"),
        # From "submitted" too: a post filled before everyone was screened.
        ("submitted", "eligible", "longlisted", "interviewed", "shortlisted", "nominated"),
        "not_selected",
        MANAGE,
        comment_required=True,
    ),
    Transition("withdraw", _("Withdraw my application"), OPEN, "withdrawn", WITHDRAW),
)

CANDIDACY_WORKFLOW = Workflow(
    name="multilateral.application",
    model=Candidacy,
    initial="submitted",
    states=STATES,
    transitions=TRANSITIONS,
    owner="person_id",
)
