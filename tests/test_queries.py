"""List pages cost the same number of SQL queries with 10 rows as with 1,000."""

import datetime

import pytest
from sqlalchemy import insert, select

from norec_core.accounts.models import User, UserRole
from norec_core.audit.models import AuditEvent
from norec_core.domain.models import (
    Activity,
    Organisation,
    Partnership,
    Person,
    PersonLanguage,
    partnership_organisation,
)
from norec_core.jsonapi import tokens as api_tokens
from norec_core.mail.models import OutboxMessage
from norec_core.tasks.models import Job
from norec_core.testing import ADMIN_EMAIL

NOW = datetime.datetime.now().replace(microsecond=0)


def _fill(session, start: int, rows: int) -> None:
    session.execute(
        insert(Organisation),
        [
            {
                "name": f"Org {i}",
                "country": "NO" if i % 2 else "IN",
                "kind": "health",
                "description": "",
                "created_at": NOW,
                "updated_at": NOW,
            }
            for i in range(start, start + rows)
        ],
    )
    session.execute(
        insert(Person),
        [
            {
                "given_name": "P",
                "family_name": f"F{i}",
                "email": f"p{i}@example.org",
                "country": "NO",
                "expertise": [],
                "consent_contact": False,
                "consent_newsletter": False,
                "consent_directory": False,
                "created_at": NOW,
                "updated_at": NOW,
            }
            for i in range(start, start + rows)
        ],
    )
    person_ids = session.scalars(
        select(Person.id).where(Person.id.not_in(select(PersonLanguage.person_id)))
    ).all()
    session.execute(insert(PersonLanguage), [{"person_id": i, "code": "en"} for i in person_ids])
    org_ids = session.scalars(
        select(Organisation.id).order_by(Organisation.id.desc()).limit(rows)
    ).all()
    session.execute(
        insert(Partnership),
        [
            {
                "title": f"P {i}",
                "direction": "north-south",
                "starts_on": NOW.date(),
                "ends_on": NOW.date(),
                "reciprocal": True,
                "description": "",
                "created_at": NOW,
                "updated_at": NOW,
            }
            for i in range(start, start + rows)
        ],
    )
    partnership_ids = session.scalars(
        select(Partnership.id).order_by(Partnership.id.desc()).limit(rows)
    ).all()
    session.execute(
        insert(partnership_organisation),
        [
            {"partnership_id": p, "organisation_id": o}
            for p, a, b in zip(partnership_ids, org_ids, org_ids[1:] + org_ids[:1], strict=True)
            for o in (a, b)
        ],
    )
    session.execute(
        insert(Activity),
        [
            {
                "title": f"A {i}",
                "kind": "meeting",
                "description": "",
                "starts_at": NOW,
                "ends_at": NOW + datetime.timedelta(days=1),
                "place": "Førde",
                "organisation_id": org_ids[i - start],
                "created_at": NOW,
                "updated_at": NOW,
            }
            for i in range(start, start + rows)
        ],
    )
    session.execute(
        insert(User),
        [
            {"email": f"u{i}@example.org", "display_name": "", "password_hash": "!", "active": True}
            for i in range(start, start + rows)
        ],
    )
    user_ids = session.scalars(
        select(User.id)
        .where(User.email.like("u%@example.org"))
        .order_by(User.id.desc())
        .limit(rows)
    ).all()
    session.execute(insert(UserRole), [{"user_id": i, "role": "member"} for i in user_ids])
    session.execute(
        insert(AuditEvent),
        [
            {
                "at": NOW,
                "actor": "system",
                "action": "update",
                "resource_type": "person",
                "resource_id": i,
                "changes": {"family_name": ["a", "b"]},
                "comment": "",
            }
            for i in range(start, start + rows)
        ],
    )
    session.execute(
        insert(OutboxMessage),
        [
            {
                "recipient": f"p{i}@example.org",
                "subject": "Hei",
                "body": "Hallo",
                "message_id": f"<{i}@queries.example.org>",
                "headers": {},
                "status": "failed",
                "last_error": "refused",
            }
            for i in range(start, start + rows)
        ],
    )
    session.execute(
        insert(Job), [{"name": "mail.mailing", "params": {}} for _ in range(start, start + rows)]
    )
    session.flush()


def _queries(admin_app, query_counter, path, headers) -> int:
    query_counter.reset()
    admin_app.get(path, headers=headers if path.startswith("/api/") else {})
    return query_counter.count


@pytest.mark.parametrize(
    "path",
    [
        "/people",
        "/organisations",
        "/partnerships",
        "/activities",
        "/search?q=1",
        "/",
        "/admin/users",
        "/admin/audit",
        "/admin/outbox",
        "/admin/jobs",
        "/api/v1/people",
        "/api/v1/organisations",
        "/api/v1/partnerships",
        "/api/v1/activities",
    ],
)
def test_query_count_does_not_grow_with_rows(
    admin_app, db_session, query_counter, pages_made_anew, path
):
    admin = db_session.scalar(select(User).where(User.email == ADMIN_EMAIL))
    headers = {"Authorization": "Bearer " + api_tokens.create(db_session, admin, "q")[1]}
    _fill(db_session, 0, 10)
    # A first call notes the token's use (one UPDATE a minute), which is not per row.
    _queries(admin_app, query_counter, path, headers)
    with_ten = _queries(admin_app, query_counter, path, headers)
    _fill(db_session, 10, 990)
    with_thousand = _queries(admin_app, query_counter, path, headers)
    assert with_ten == with_thousand, query_counter.statements
    # The front page of an administrator gathers every plugin's panels and tasks, a few
    # queries each (24 with the four plugins: the caseworker's steps, appeals and what is
    # overdue, the mentor's, the network adviser's, the editor's and the recruitment
    # adviser's tasks); the other pages stay under 15.
    assert with_ten < (28 if path == "/" else 15)
