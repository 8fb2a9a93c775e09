"""The demonstration's cases: applications to each call in the state its age suggests,
with their history, assessment, decision, appeal, participants, payments and reports."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sqlalchemy import select

from norec_core import SITE_TIMEZONE, User, demo_person, import_history, now
from norec_grants import budget, demo_timeline, payments, screening
from norec_grants.assessment import assign
from norec_grants.decisions import APPEAL_WINDOW, APPEAL_WORKFLOW
from norec_grants.models import (
    Appeal,
    Application,
    Confirmation,
    Decision,
    FinalReport,
    GrantedYear,
    Participant,
    PartnerCost,
    PlannedExchange,
    Score,
)
from norec_grants.workflow import APPLICATION_WORKFLOW

RATES = {
    "EUR": "11.62",
    "USD": "10.71",
    "INR": "0.1264",
    "KES": "0.0829",
    "UGX": "0.00291",
    "TZS": "0.00398",
    "NPR": "0.0790",
    "MWK": "0.00617",
    "BDT": "0.0881",
    "ZAR": "0.5890",
    "GTQ": "1.3915",
}
CURRENCY = {
    "IN": "INR",
    "KE": "KES",
    "UG": "UGX",
    "TZ": "TZS",
    "NP": "NPR",
    "MW": "MWK",
    "BD": "BDT",
    "ZA": "ZAR",
    "GT": "GTQ",
}
# Partners beyond the core's demonstration, so that the grants reach 25 countries.


PROFESSIONS = [
    "nurses",
    "midwives",
    "agronomists",
    "teachers",
    "journalists",
    "engineers",
    "social workers",
    "physiotherapists",
    "accountants",
    "youth leaders",
]
QUESTIONS = [
    "Please explain how the receiving ward will supervise the participants.",
    "The budget has travel for three participants but the plan names two: which is right?",
    "How will the sending organisation use what the participants learn when they return?",
]
REASONS_APPROVED = [
    "A well-founded plan with clear learning goals on both sides and a reasonable budget.",
    "Strong reciprocity and a convincing plan for sharing knowledge at home.",
]
REASONS_CHANGED = [
    "Approved for fewer participants in the second year: the plan for that year is not yet "
    "concrete enough.",
]
REASONS_REJECTED = [
    "The plan does not show how the partners will use what the participants learn.",
    "The partnership does not meet the scheme's requirement of reciprocity.",
    "The application scored below the threshold for this call.",
]


PATHS = {
    "draft": [],
    "submitted": ["submit"],
    "withdrawn": ["submit", "withdraw"],
    "screening": ["submit", "screen"],
    "more_info": ["submit", "screen", "request_info"],
    "in_assessment": ["submit", "screen", "assess"],
    "approved": ["submit", "screen", "assess", "approve"],
    "approved_changes": ["submit", "screen", "assess", "approve_changes"],
    "rejected": ["submit", "screen", "assess", "reject"],
    "agreement": ["submit", "screen", "assess", "approve", "sign"],
    "in_progress": ["submit", "screen", "assess", "approve", "sign", "start"],
    "final_report": ["submit", "screen", "assess", "approve", "sign", "start", "report"],
    "closed": ["submit", "screen", "assess", "approve", "sign", "start", "report", "close"],
}
CASEWORKER = "caseworker@example.org"  # the core's demo caseworker
APPEAL_PATHS = [
    [],
    ["review"],
    ["review", "forward"],
    ["review", "forward", "uphold"],
    ["review", "reverse"],
    ["dismiss"],
]
APPEAL_COMMENTS = {
    "forward": "Norec finds no ground to change the decision and sends the appeal on.",
    "uphold": "The appeal body agrees with Norec's assessment.",
    "reverse": "The appeal shows a plan for sharing knowledge that the assessment missed.",
    "dismiss": "The appeal came after the three weeks had run out.",
}
STEP_OUTCOME = {"approve": "approved", "approve_changes": "approved_changes", "reject": "rejected"}
APPLICANT_STEPS = {"submit", "withdraw", "report", "answer"}
# Which states the applications to each call are in: the older the call, the further along.
OLD = ["closed", "closed", "final_report", "rejected", "closed", "withdrawn", "in_progress"]
LAST = ["rejected", "in_progress", "agreement", "rejected", "approved", "approved_changes"]
OPEN = ["draft", "submitted", "screening", "in_assessment", "more_info", "draft", "submitted"]


def oslo_time(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SITE_TIMEZONE)


def add_application(
    dbsession, rng, call, partnership, state, people, small=False, profession=None
) -> Application:
    scheme = call.scheme
    orgs = partnership.organisations
    north = next((o for o in orgs if o.country == "NO"), None)
    profession = profession or rng.choice(PROFESSIONS)
    application = Application(
        call=call,
        partnership=partnership,
        title=_title(partnership, small, profession),
        summary=partnership.description,
        goals=(
            "The participants bring back methods and routines that their home organisation "
            "takes up; each partner hosts seminars for colleagues after the exchange."
        ),
        language=rng.choice(["nb", "nn"]) if north is not None else "en",
        lead=rng.choice(people) if people else None,
        created_at=call.opens_at + datetime.timedelta(days=rng.randint(1, 60)),
    )
    year = call.closes_at.year
    for offset in range(1 if small else 2):
        months = demo_timeline.fitted_months(
            partnership, year + offset, rng.randint(scheme.min_months, scheme.max_months)
        )
        if months < scheme.min_months:  # the partnership does not run that year
            continue
        pairs = [(orgs[0], orgs[1])]
        if partnership.reciprocal or rng.random() < 0.5:
            pairs.append((orgs[1], orgs[0]))
        for sending, receiving in pairs:
            application.exchanges.append(
                PlannedExchange(
                    year=year + offset,
                    sending=sending,
                    receiving=receiving,
                    participants=rng.randint(1, 3),
                    profession=profession,
                    months=months,
                )
            )
    if not application.exchanges:  # a partnership that ran out before the call
        return None
    southern = next((o for o in orgs if o.country in CURRENCY), None)
    if southern is not None and rng.random() < 0.6:
        currency = CURRENCY[southern.country]
        rate = Decimal(RATES[currency])
        amount = (Decimal(rng.randint(2000, 9000)) / rate).quantize(Decimal(1))
        application.costs.append(
            PartnerCost(
                year=year,
                category="stay",
                description=f"Housing and local transport for guests at {southern.name}",
                amount=amount,
                currency=currency,
                rate=rate,
                rate_on=call.opens_at.date(),
            )
        )
    dbsession.add(application)
    if state != "draft":
        submitted = call.closes_at - datetime.timedelta(days=rng.randint(1, 20))
        application.submitted_at = submitted
        application.confirmations = [
            Confirmation(organisation=o, revision=1, confirmed_at=submitted) for o in orgs
        ]
    stays = demo_timeline.stays(rng, application, state) if state in WITH_PARTICIPANTS else {}
    after = demo_timeline.anchors(state, [d for found in stays.values() for d in found])
    contact = f"contact at {orgs[0].name}"
    steps = _history(dbsession, rng, application, PATHS[state], contact, after)
    _case(dbsession, rng, application, steps, state)
    if state in WITH_PARTICIPANTS:
        demo_timeline.participants(dbsession, rng, application, state, stays)
        _money(rng, application, state)
    return application


def add_nurses(dbsession, rng, calls, partnership, people) -> None:
    """The Norwegian and Indian hospitals' partnership: nurses exchanged under the last call
    (Ingrid from Bergen and Priya from Vellore among them). Its one application to the
    open call is the contact persons' to write (the browser test writes it)."""
    _old, last, _current = calls
    running = add_application(
        dbsession, rng, last, partnership, "in_progress", people, profession="nurses"
    )
    bergen, vellore = partnership.organisations
    year = running.exchanges[0].year
    for email, sending, receiving in (
        ("ingrid.haugen@example.org", bergen, vellore),
        ("priya.raman@example.org", vellore, bergen),
    ):
        person = demo_person(dbsession, email)
        person.birth_date = person.birth_date or datetime.date(year - 27, 3, 14)
        running.participants.append(
            Participant(
                person=person,
                sending=sending,
                receiving=receiving,
                starts_on=datetime.date(year + 1, 2, 1),
                ends_on=datetime.date(year + 1, 7, 31),
            )
        )


WITH_PARTICIPANTS = ("agreement", "in_progress", "final_report", "closed")


def _money(rng, application, state) -> None:
    """The payments made so far and, once handed in, the final report with its costs."""
    payments.make_plan(application)
    decided = application.decision.decided_at if application.decision else now()
    for instalment in application.instalments:
        if state == "closed" or (
            instalment.milestone == "agreement_signed"
            or (instalment.milestone == "participants_departed" and state == "final_report")
        ):
            instalment.paid_at = decided + datetime.timedelta(days=30 * (instalment.position + 1))
    if state in ("final_report", "closed"):
        planned = budget.budget(application).categories
        application.report = FinalReport(
            results=(
                "Every participant completed the exchange. The receiving wards took up two "
                "new routines, and the partners agreed on a third year."
            ),
            knowledge_transfer=(
                "Each returning participant led a seminar for colleagues, and the sending "
                "organisation wrote the methods into its own procedures."
            ),
            actual_costs={
                c: str((a * Decimal(rng.randint(85, 105)) / 100).quantize(Decimal("0.01")))
                for c, a in planned.items()
            },
        )


def _title(partnership, small: bool, profession: str) -> str:
    if small:
        return f"Sharing what we learnt: {partnership.organisations[0].name}"
    return f"{partnership.title}: exchange of {profession}"


def _history(dbsession, rng, application, path, contact, after) -> None:
    moment = application.submitted_at or application.created_at
    latest = now() - datetime.timedelta(days=1)
    steps = []
    for name in path:
        if name != "submit":
            moment += datetime.timedelta(days=rng.randint(5, 40))
        # A step that follows the exchanges waits for them; none lies ahead of today.
        moment = min(max(moment, after.get(name, moment)), latest)
        comment = ""
        if name == "request_info":
            comment = rng.choice(QUESTIONS)
        elif name == "approve":
            comment = rng.choice(REASONS_APPROVED)
        elif name == "approve_changes":
            comment = rng.choice(REASONS_CHANGED)
        elif name == "reject":
            comment = rng.choice(REASONS_REJECTED)
        actor = contact if name in APPLICANT_STEPS else CASEWORKER
        steps.append((name, moment, actor, comment))
    import_history(dbsession, application, APPLICATION_WORKFLOW, steps)
    application.updated_at = moment
    return steps


def _case(dbsession, rng, application, steps, state) -> None:
    """The assessment, the decision and any appeal that the steps imply."""
    taken = {name: (at, comment) for name, at, _actor, comment in steps}
    if "assess" not in taken:
        return
    # Sent to assessment: the screening checklist was gone through, every point met.
    application.screening = {key: {"met": True, "note": ""} for key in screening.keys(application)}
    caseworker = dbsession.scalars(select(User).where(User.email == CASEWORKER)).one()
    assign(dbsession, application, caseworker)
    mine = application.assignments[-1]
    mine.conflict, mine.declared_at = False, taken["assess"][0]
    application.scores = [
        Score(criterion=c, user=caseworker, score=rng.randint(2, 5), scored_at=taken["assess"][0])
        for c in application.call.scheme.criteria
    ]
    step = next((s for s in ("approve", "approve_changes", "reject") if s in taken), None)
    if step is None:
        return
    decided_at, reasons = taken[step]
    years = budget.budget(application).years if step != "reject" else {}
    share = Decimal("0.85") if step == "approve_changes" else Decimal(1)
    application.decisions.append(
        Decision(
            outcome=STEP_OUTCOME[step],
            reasons=reasons,
            decided_at=decided_at,
            decided_by=caseworker,
            appeal_until=decided_at + APPEAL_WINDOW,
            years=[
                GrantedYear(year=y, amount=(a * share).quantize(Decimal(1)))
                for y, a in years.items()
            ],
        )
    )
    if step == "reject" and rng.random() < 0.7:
        appeal = Appeal(
            grounds="We believe the assessment overlooked how the partners share what the "
            "participants learn: each returning participant leads a seminar at home.",
            submitted_at=decided_at + datetime.timedelta(days=rng.randint(3, 18)),
        )
        application.appeals.append(appeal)
        path = rng.choice(APPEAL_PATHS)
        moment = appeal.submitted_at
        history = []
        for name in path:
            moment += datetime.timedelta(days=rng.randint(5, 20))
            comment = APPEAL_COMMENTS.get(name, "")
            history.append((name, moment, CASEWORKER, comment))
        import_history(dbsession, appeal, APPEAL_WORKFLOW, history)
        if "reverse" in path:  # the case went back to assessment, as the appeal decided
            application.decision.superseded_at = moment
            reopen = [("reopen", moment, CASEWORKER, APPEAL_COMMENTS["reverse"])]
            import_history(dbsession, application, APPLICATION_WORKFLOW, reopen)
