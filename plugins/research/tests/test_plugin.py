"""The research plugin as a whole: its public-surface promise, its migrations, and who
may open its pages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from norec_core import now
from norec_core.testing import (
    assert_migrations_match,
    demo_browser,
    demo_mismatches,
    demo_paths,
    fill_route,
    make_settings,
    matrix_mismatches,
    plugin_routes,
    private_core_imports,
)
from norec_research.models import Commission, Proposal, Publication, PublicationText

# What these tests check lies above the database; the migrations are tested on SQLite.
pytestmark = pytest.mark.norec_backends("sqlite")

STAFF = frozenset({"admin", "editor"})
LOGGED_IN = frozenset({"member", "caseworker"}) | STAFF
EVERYONE = frozenset({"anonymous"}) | LOGGED_IN
# Route name -> the cases allowed, for a published publication and an open commission.
MATRIX = {
    "research.overview": EVERYONE,
    "research.catalogue": EVERYONE,
    "research.new": STAFF,
    "research.publication": EVERYONE,
    "research.edit": STAFF,
    "research.files": STAFF,
    "research.version": EVERYONE,
    "research.topic": EVERYONE,
    "research.topic_feed": EVERYONE,
    "research.feed": EVERYONE,
    "research.cite": EVERYONE,
    "research.datacite": EVERYONE,
    "research.oai": EVERYONE,
    "research.commissions": EVERYONE,
    "research.commission.new": STAFF,
    "research.commission": EVERYONE,
    "research.commission.edit": STAFF,
    "research.propose": LOGGED_IN,
    "research.proposal": STAFF,  # and the proposer
    "research.download": EVERYONE,  # then the file's own permission
}
PLACEHOLDERS = {"number": 1, "file": 1, "slug": "health", "format": "bib"}


def test_only_the_public_surface():
    assert private_core_imports(Path(__file__).parent.parent / "norec_research") == []


def test_every_route_is_in_the_matrix(app):
    assert set(plugin_routes(app.registry, "research")) == set(MATRIX)


@pytest.mark.parametrize("case", sorted(EVERYONE))
def test_each_case_is_allowed_what_the_matrix_says(
    client, make_user, make_person, db_session, case
):
    from norec_research.models import Version

    publication = Publication(
        type="report",
        state="published",
        texts=[PublicationText(language="en", title="Open report")],
        versions=[Version(number=1)],
    )
    commission = Commission(
        title="Call",
        call="Proposals, please.",
        deadline=now() + datetime.timedelta(days=9),
        budget=Decimal("1000"),
        published=True,
    )
    proposer = make_person()
    proposal = Proposal(
        commission=commission,
        person=proposer,
        organisation_name="RIS",
        title="A proposal",
        summary="…",
        budget=Decimal("900"),
    )
    db_session.add_all([publication, commission, proposal])
    db_session.flush()
    if case == "anonymous":
        browser = client()
    else:
        roles = [] if case == "member" else [case]
        browser = client(
            make_user(f"{case}@r.example.org", roles=roles, person=make_person()).email
        )
    ids = {"research.commission": commission.id, "research.commission.edit": commission.id}
    ids |= {"research.propose": commission.id, "research.proposal": proposal.id}
    paths = {
        name: fill_route(pattern, {**PLACEHOLDERS, "id": ids.get(name, publication.id)})
        for name, pattern in plugin_routes(browser.app.registry, "research").items()
    }
    assert matrix_mismatches(browser, case, MATRIX, paths) == []


@pytest.mark.parametrize("roles", [None, [], ["caseworker"], ["editor"], ["admin"]])
def test_the_matrix_holds_on_every_kind_of_demo_record(demo_app, roles):
    case = "anonymous" if roles is None else (roles or ["member"])[0]
    paths = demo_paths(demo_app, "research", PLACEHOLDERS)
    assert set(paths) == set(MATRIX)  # every route walked, on every kind of record
    assert demo_mismatches(demo_browser(demo_app, roles), case, MATRIX, paths) == []


def test_migrations_match_the_models(tmp_path):
    settings = make_settings(f"sqlite:///{tmp_path / 'm.sqlite'}", **{"norec.plugins": "research"})
    assert_migrations_match(settings, "research", "research_")
