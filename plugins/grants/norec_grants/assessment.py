"""Assessment: who assesses an application, what conflicts of interest they have (declared,
and those the platform sees itself), and the score sheet of their scores."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pyramid.request import Request
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from norec_core import grant_local_role, holders_of, now, revoke_local_role, workflow_history
from norec_grants.i18n import _
from norec_grants.models import Application, Assignment, Criterion, Participant, Score

SCORES = (1, 2, 3, 4, 5)
# The assessor's tie to an applicant through an exchange, in its tense.
EXCHANGE_TIES = {
    "now": _("Is on an exchange with ${organisation}, an applicant."),
    "future": _("Will be on an exchange with ${organisation}, an applicant."),
    "past": _("Was on an exchange with ${organisation}, an applicant."),
}
# The steps a caseworker takes in handling a case, before anyone decides it.
HANDLING = ("screen", "request_info", "assess")


def assign(session: Session, application: Application, user) -> Assignment:
    """Make `user` an assessor of `application` (once)."""
    found = next((a for a in application.assignments if a.user_id == user.id), None)
    if found is None:
        found = Assignment(user=user)
        application.assignments.append(found)
    grant_local_role(session, user, application, "assessor")
    session.flush()
    return found


def unassign(session: Session, application: Application, assignment: Assignment) -> None:
    revoke_local_role(session, assignment.user, application, "assessor")
    for score in [s for s in application.scores if s.user_id == assignment.user_id]:
        application.scores.remove(score)
    application.assignments.remove(assignment)
    session.flush()


def seen_conflicts(request: Request, application: Application, user) -> list:
    """The conflicts of interest the platform sees itself: the assessor is a contact person
    of an applying organisation, works for one, was exchanged to or from one, leads or
    started the application."""
    found = []
    for org in application.partnership.organisations:
        mapping = {"organisation": org.name}
        if user in holders_of(request.dbsession, org, "contact"):
            found.append(_("Contact person of ${organisation}, an applicant.", mapping=mapping))
        person = user.person
        if person is not None and (person.employer or "").strip().casefold() == org.name.casefold():
            found.append(_("Works for ${organisation}, an applicant.", mapping=mapping))
    if user.person_id is not None:
        ids = {o.id: o for o in application.partnership.organisations}
        past = request.dbsession.scalars(
            select(Participant).where(
                Participant.person_id == user.person_id,
                or_(Participant.sending_id.in_(ids), Participant.receiving_id.in_(ids)),
            )
        ).all()
        today = now().date()
        tenses: dict[int, set[str]] = {}
        for p in past:
            tense = "past" if p.ends_on < today else "future" if p.starts_on > today else "now"
            for i in (p.sending_id, p.receiving_id):
                if i in ids:
                    tenses.setdefault(i, set()).add(tense)
        for org in sorted((ids[i] for i in tenses), key=lambda o: o.name):
            mapping = {"organisation": org.name}
            # An exchange ahead or under way is as much a tie as one behind.
            for tense in ("now", "future", "past"):
                if tense in tenses[org.id]:
                    found.append(_(EXCHANGE_TIES[tense], mapping=mapping))
    if application.created_by_id == user.id:
        found.append(_("Started this application."))
    if user.person_id is not None and application.lead_id == user.person_id:
        found.append(_("Leads the project applied for."))
    return found


def handlers(request: Request, application: Application) -> set[int]:
    """The user ids of the caseworkers who handle the case: those who screened it, asked
    the applicant or sent it to assessment."""
    return {
        h.actor_id
        for h in workflow_history(request, application)
        if h.transition in HANDLING and h.actor_id is not None
    }


def not_to_assess(request: Request, application: Application, user):
    """Why `user` may not assess `application` (four eyes), or None."""
    if user.id in handlers(request, application):
        return _(
            "${who} handles this case as its caseworker; someone else assesses it, so that "
            "four eyes see every case.",
            mapping={"who": user.email},
        )
    return None


def not_to_decide(request: Request, application: Application, user):
    """Why `user` may not decide `application`: they handle it as caseworker, or have a
    conflict of interest in it (declared or seen by the platform); or None."""
    if user.id in handlers(request, application):
        return _(
            "You handle this case as its caseworker: another caseworker decides it, so that "
            "four eyes see every decision."
        )
    mine = next((a for a in application.assignments if a.user_id == user.id), None)
    seen = seen_conflicts(request, application, user)
    if (mine is not None and mine.conflict) or seen:
        return _(
            "You have a conflict of interest in this case (${conflict}): another caseworker "
            "decides it.",
            mapping={
                "conflict": request.localizer.translate(seen[0]) if seen else mine.conflict_note
            },
        )
    return None


def may_score(assignment: Assignment | None) -> bool:
    """An assessor scores once they have declared that they have no conflict."""
    return assignment is not None and assignment.conflict is False


@dataclass(frozen=True)
class Row:
    criterion: Criterion
    scores: dict[int, int]  # by assessor's user id
    average: Decimal | None


@dataclass(frozen=True)
class Sheet:
    """Scores by criterion and assessor, each assessor's weighted total, the averages."""

    assessors: list
    rows: list[Row]
    totals: dict[int, Decimal]  # weighted total by assessor, of those who scored everything
    average_total: Decimal | None
    maximum: int


def _mean(values) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def sheet(application: Application, only=None) -> Sheet:
    """The score sheet; with `only` (a user), that assessor's own scores alone, so that
    assessors judge without seeing each other's."""
    criteria = application.call.scheme.criteria
    assessors = [a.user for a in application.assignments if only is None or a.user_id == only.id]
    given: dict[tuple[int, int], int] = {
        (s.criterion_id, s.user_id): s.score for s in application.scores
    }
    rows = []
    for criterion in criteria:
        scores = {
            u.id: given[(criterion.id, u.id)] for u in assessors if (criterion.id, u.id) in given
        }
        rows.append(Row(criterion, scores, _mean(scores.values())))
    totals = {
        u.id: Decimal(sum(c.weight * given[(c.id, u.id)] for c in criteria))
        for u in assessors
        if criteria and all((c.id, u.id) in given for c in criteria)
    }
    maximum = sum(c.weight for c in criteria) * max(SCORES)
    return Sheet(assessors, rows, totals, _mean(totals.values()), maximum)


def save_scores(session: Session, application: Application, user, values: dict) -> None:
    """`values`: {criterion id: (score, comment)} for the criteria the assessor scored."""
    mine = {s.criterion_id: s for s in application.scores if s.user_id == user.id}
    for criterion_id, (score, comment) in values.items():
        found = mine.get(criterion_id)
        if found is None:
            application.scores.append(
                Score(criterion_id=criterion_id, user=user, score=score, comment=comment)
            )
        else:
            found.score, found.comment, found.scored_at = score, comment, now()
    session.flush()
