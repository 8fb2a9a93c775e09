"""Records and users for tests, part of the Norec pytest plugin (`norec_core.testing`
registers them): factories that add a record with plausible values, any of which a
keyword overrides."""

from __future__ import annotations

import datetime
import io
import itertools

import pytest

from norec_core import clock
from norec_core.domain.models import Activity, Organisation, Partnership, Person

_serial = itertools.count(1)
USER_PASSWORD = "correct-horse-battery-staple-42"  # noqa: S105 (the tests' users)


@pytest.fixture
def make_person(db_session):
    """`make_person(**fields)`: a `Person` added and flushed, with a unique name and
    address; any field given replaces the plausible value."""

    def make(**kw):
        n = next(_serial)
        values = {
            "given_name": "Ingrid",
            "family_name": f"Haugen{n}",
            "email": f"person{n}@example.org",
            "country": "NO",
        }
        languages = kw.pop("languages", ["nb"])
        person = Person(**{**values, **kw})
        person.languages = languages
        db_session.add(person)
        db_session.flush()
        return person

    return make


@pytest.fixture
def make_organisation(db_session):
    """`make_organisation(**fields)`: an `Organisation` in Norway, added and flushed; any
    field given replaces the plausible value."""

    def make(**kw):
        n = next(_serial)
        organisation = Organisation(
            **{"name": f"Organisation {n}", "country": "NO", "kind": "health", **kw}
        )
        db_session.add(organisation)
        db_session.flush()
        return organisation

    return make


@pytest.fixture
def make_partnership(db_session, make_organisation):
    """`make_partnership(**fields)`: a `Partnership` of an organisation in Norway and one
    in India (or `organisations=[...]`), 2025 to 2027, added and flushed."""

    def make(**kw):
        organisations = kw.pop("organisations", None) or [
            make_organisation(country="NO"),
            make_organisation(country="IN"),
        ]
        partnership = Partnership(
            **{
                "title": f"Partnership {next(_serial)}",
                "direction": "north-south",
                "starts_on": datetime.date(2025, 1, 1),
                "ends_on": datetime.date(2027, 12, 31),
                **kw,
            }
        )
        partnership.organisations = organisations
        db_session.add(partnership)
        db_session.flush()
        return partnership

    return make


@pytest.fixture
def make_activity(db_session):
    """`make_activity(**fields)`: an `Activity`, a meeting in thirty days' time of two
    hours, added and flushed."""

    def make(**kw):
        start = clock.now().replace(microsecond=0) + datetime.timedelta(days=30)
        activity = Activity(
            **{
                "title": f"Activity {next(_serial)}",
                "kind": "meeting",
                "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=2),
                "place": "Førde",
                **kw,
            }
        )
        db_session.add(activity)
        db_session.flush()
        return activity

    return make


@pytest.fixture
def make_user(db_session):
    """Make a user with the given site roles (none: a plain member), who logs in with
    `testapp.login(user.email, USER_PASSWORD)`; `person` links their person record."""
    from norec_core.accounts.users import save_user

    def make(email: str | None = None, roles=(), person=None):
        user = save_user(
            db_session, email or f"user{next(_serial)}@example.org", USER_PASSWORD, roles=roles
        )
        if person is not None:
            user.person = person
            db_session.flush()
        return user

    return make


def pdf_file(pages: int = 1) -> bytes:
    """A real PDF of blank A4 pages, made with pypdf (no WeasyPrint: cheap), for a test
    that uploads one: a file that only claims to be a PDF is refused."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
