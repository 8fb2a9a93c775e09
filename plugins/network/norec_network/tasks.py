"""What the network asks of a user now, first on their front page: a mentor, the requests
for mentoring waiting for their answer (they expire unanswered after two weeks); an
adviser, the requests to join and the imported rows that may be people already known,
which wait for a person to decide rather than be merged on a name."""

from __future__ import annotations

from sqlalchemy import func, select

from norec_core import Task
from norec_network import profile, requests
from norec_network.i18n import _
from norec_network.models import Mentoring, PossibleMatch
from norec_network.permissions import MANAGE


def asked_of(request) -> list[Task]:
    if request.identity is None:
        return []
    tasks = []
    member = profile.member_of(request)
    if member is not None:
        waiting, first_expiry = request.dbsession.execute(
            select(func.count(), func.min(Mentoring.expires_at)).where(
                Mentoring.mentor_id == member.id, Mentoring.status == "requested"
            )
        ).one()
        if waiting:
            tasks.append(
                Task(
                    _("Answer requests for mentoring"),
                    request.route_path("network.mentoring"),
                    waiting,
                    due=first_expiry,
                )
            )
    if request.has_permission(MANAGE):
        if joining := requests.open_count(request.dbsession):
            tasks.append(
                Task(
                    _("Requests to join the network"),
                    request.route_path("network.requests"),
                    joining,
                )
            )
        matches = request.dbsession.scalar(
            select(func.count()).select_from(PossibleMatch).where(PossibleMatch.decision.is_(None))
        )
        if matches:
            tasks.append(
                Task(
                    _("Decide whether imported people are already in the register"),
                    request.route_path("network.matches"),
                    matches,
                )
            )
    return tasks
