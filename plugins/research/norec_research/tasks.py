"""What research asks of an editor now, first on their front page: the publications sent
to review, which wait for them to publish or return, and the proposals received for
commissions whose deadline has passed, which wait for a choice. Each opens on the one
waiting longest."""

from __future__ import annotations

from sqlalchemy import func, select

from norec_core import Task, now
from norec_research.i18n import _
from norec_research.models import Commission, Proposal, Publication
from norec_research.permissions import PUBLISH


def asked_of(request) -> list[Task]:
    if request.identity is None or not request.has_permission(PUBLISH, request.root):
        return []
    session = request.dbsession
    tasks = []
    waiting, oldest = session.execute(
        select(func.count(), func.min(Publication.id)).where(Publication.state == "in_review")
    ).one()
    if waiting:
        tasks.append(
            Task(
                _("Publish or return publications sent to review"),
                request.route_path("research.publication", id=oldest),
                waiting,
            )
        )
    # A proposal is chosen among the others once the commission's deadline has passed.
    received = (
        select(Proposal.commission_id, Commission.deadline)
        .join(Commission)
        .where(Proposal.state == "submitted", Commission.deadline < now())
    )
    # Proposals are tens a year: their rows are cheaper than a second statement.
    found = session.execute(received.order_by(Commission.deadline, Proposal.commission_id)).all()
    if found:
        commission_id, deadline = found[0]
        tasks.append(
            Task(
                _("Choose among the proposals received"),
                request.route_path("research.commission", id=commission_id),
                len(found),
                due=deadline,
            )
        )
    return tasks
