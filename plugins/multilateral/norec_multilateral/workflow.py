"""An application's way through a recruitment round, as in the JPO process: screened
(eligible, or ineligible with the reason), longlisted, interviewed (with the panel's
scores), shortlisted, nominated to the organisation, and selected or not; the candidate
may withdraw until the organisation decides."""

from __future__ import annotations

from sqlalchemy import func, select

from norec_core import State, Transition, Workflow
from norec_multilateral import explanations, rounds
from norec_multilateral.i18n import _
from norec_multilateral.models import Candidacy, PanelScore
from norec_multilateral.permissions import MANAGE, READ, WITHDRAW

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


def _meets_the_rules(request, candidacy):
    if candidacy.eligible:
        return None
    rules = " ".join(explanations.not_met(request.layout, candidacy.checks))
    return _(
        "Not every rule is met: ${rules} To go on all the same, write the reason in the "
        "comment and take the step “overriding the rules”.",
        mapping={"rules": rules},
    )


def _misses_a_rule(request, candidacy):
    return _("Every rule is met: no override is needed.") if candidacy.eligible else None


def _overriding(name, title, sources, target):
    """A step forward for an application that does not meet every rule: it owes the
    reason, which the history keeps."""
    return Transition(
        f"{name}_override", title, sources, target, MANAGE, _misses_a_rule, comment_required=True
    )


# The steps forward that an application missing a rule takes only by override.
OVERRIDES = {f"{name}_override": name for name in ("screen_in", "shortlist", "nominate")}

TRANSITIONS = (
    Transition("screen_in", _("Eligible"), ("submitted",), "eligible", MANAGE, _meets_the_rules),
    _overriding("screen_in", _("Eligible, overriding the rules"), ("submitted",), "eligible"),
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
    Transition(
        "shortlist", _("Shortlist"), ("interviewed",), "shortlisted", MANAGE, _meets_the_rules
    ),
    _overriding("shortlist", _("Shortlist, overriding the rules"), ("interviewed",), "shortlisted"),
    Transition(
        "nominate",
        _("Nominate to the organisation"),
        ("shortlisted",),
        "nominated",
        MANAGE,
        _meets_the_rules,
    ),
    _overriding(
        "nominate",
        _("Nominate, overriding the rules"),
        ("shortlisted",),
        "nominated",
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
    read_permission=READ,
    name="multilateral.application",
    model=Candidacy,
    initial="submitted",
    states=STATES,
    transitions=TRANSITIONS,
    owner="person_id",
)
