"""The research plugin as a whole: its public-surface promise, its migrations, and who
may open its pages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from norec_core import now
from norec_core.testing import make_settings, private_core_imports
from norec_research.models import Commission, Proposal, Publication, PublicationText

STAFF = {"admin", "editor"}
LOGGED_IN = {"member", "caseworker", "admin", "editor"}
EVERYONE = {"anonymous"} | LOGGED_IN
MATRIX = {
    "/research/": EVERYONE,
    "/research/publications": EVERYONE,
    "/research/publications/new": STAFF,
    "/research/publications/{id:\\d+}": EVERYONE,  # a published one
    "/research/publications/{id:\\d+}/edit": STAFF,
    "/research/publications/{id:\\d+}/files": STAFF,
    "/research/publications/{id:\\d+}/versions/{number:\\d+}": EVERYONE,
    "/research/topics/{slug}": EVERYONE,
    "/research/topics/{slug}/feed.atom": EVERYONE,
    "/research/publications/feed.atom": EVERYONE,
    "/research/publications/{id:\\d+}/cite.{format:(bib|ris|json)}": EVERYONE,
    "/research/publications/{id:\\d+}/datacite.xml": EVERYONE,
    "/research/oai": EVERYONE,
    "/research/commissions": EVERYONE,
    "/research/commissions/new": STAFF,
    "/research/commissions/{id:\\d+}": EVERYONE,
    "/research/commissions/{id:\\d+}/edit": STAFF,
    "/research/commissions/{id:\\d+}/propose": LOGGED_IN,
    "/research/proposals/{id:\\d+}": STAFF,  # and the proposer
    "/research/publications/{id:\\d+}/download/{file:\\d+}": EVERYONE,  # 404: no file
}


def test_only_the_public_surface():
    assert private_core_imports(Path(__file__).parent.parent / "norec_research") == []


def test_every_route_is_in_the_matrix(app):
    routes = {
        "/" + r["introspectable"]["pattern"].lstrip("/")
        for r in app.registry.introspector.get_category("routes")
        if r["introspectable"]["name"].startswith("research.")
    }
    assert routes == set(MATRIX)


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
    ids = {"publications": publication.id, "commissions": commission.id, "proposals": proposal.id}
    if case == "anonymous":
        browser = client()
    else:
        roles = [] if case == "member" else [case]
        browser = client(
            make_user(f"{case}@r.example.org", roles=roles, person=make_person()).email
        )
    for pattern, allowed in MATRIX.items():
        kind = pattern.split("/")[2]
        path = pattern.replace("{id:\\d+}", str(ids.get(kind, publication.id))).replace(
            "{number:\\d+}", "1"
        )
        path = (
            path.replace("{file:\\d+}", "1")
            .replace("{slug}", "health")
            .replace("{format:(bib|ris|json)}", "bib")
        )
        response = browser.get(path, expect_errors=True)
        assert response.status_int < 500, (case, path, response.status)
        refused = response.status_int in (401, 403) or (
            response.status_int == 302 and "/login?came_from=" in response.location
        )
        assert refused == (case not in allowed), (case, path, response.status)


def test_migrations_match_the_models(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine, inspect

    from norec_core import Base
    from norec_core.testing import downgrade, upgrade

    url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    settings = make_settings(url, **{"norec.plugins": "research"})
    engine = create_engine(url)
    try:
        upgrade(settings)
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert [d for d in differences if "'research_" in repr(d)] == []
        downgrade(settings, "research@base")
        assert not [t for t in inspect(engine).get_table_names() if t.startswith("research_")]
    finally:
        engine.dispose()
