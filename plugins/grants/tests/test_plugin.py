"""The grants plugin as a whole: its public-surface promise, its migrations, and who may
open its pages and send its forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from norec_core import grant_local_role
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
from norec_grants.assessment import assign
from norec_grants.models import Appeal, PartnerSearch

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")

CASES = ("anonymous", "member", "caseworker", "admin", "applicant", "other_contact", "assessor")
EVERYONE = frozenset(CASES)
LOGGED_IN = EVERYONE - {"anonymous"}
STAFF = frozenset({"admin", "caseworker"})

# Route name -> who may; the application is a draft, the call open.
MATRIX = {
    "grants.overview": EVERYONE,
    "grants.schemes": EVERYONE,
    "grants.scheme": EVERYONE,
    "grants.call": EVERYONE,
    "grants.scheme_new": STAFF,
    "grants.scheme_edit": STAFF,
    "grants.call_new": STAFF,
    "grants.call_edit": STAFF,
    "grants.rates": STAFF,
    "grants.queue": STAFF,
    "grants.mine": LOGGED_IN,
    # Contact persons of an organisation in some partnership start applications.
    "grants.apply": frozenset({"applicant", "other_contact"}),
    "grants.application": STAFF | {"applicant", "assessor"},
    "grants.application_edit": frozenset({"admin", "applicant"}),
    "grants.exchange_new": frozenset({"admin", "applicant"}),
    "grants.cost_new": frozenset({"admin", "applicant"}),
    "grants.line_delete": frozenset({"admin", "applicant"}),
    "grants.attach": frozenset({"admin", "applicant"}),
    # Only for one's own organisation, whatever else one may do.
    "grants.confirm": frozenset({"applicant"}),
    "grants.assign": STAFF,
    "grants.unassign": STAFF,
    # Only the assessors assigned, even among those who may assess.
    "grants.declare": frozenset({"assessor"}),
    # Nobody scores a draft (test_assessment scores one in assessment).
    "grants.score": frozenset(),
    "grants.decide": STAFF,
    "grants.screening": STAFF,
    "grants.letter": STAFF | {"applicant", "assessor"},
    "grants.letter_pdf": STAFF | {"applicant", "assessor"},
    "grants.appeal": frozenset({"admin", "applicant"}),
    "grants.appeal_case": STAFF | {"applicant"},
    "grants.participants": STAFF | {"applicant", "assessor"},
    "grants.participant_complete": STAFF,
    # Participants are registered once the grant is given; this is a draft.
    "grants.participant_remove": frozenset({"admin"}),
    "grants.money": STAFF | {"applicant", "assessor"},
    "grants.pay": STAFF,
    "grants.report": STAFF | {"applicant", "assessor"},
    # The report's files while the exchanges run; exchanges explained once granted.
    "grants.report_attach": frozenset({"admin"}),
    "grants.exchange_explain": frozenset({"admin"}),
    "grants.instalment_cancel": STAFF,
    "grants.course_waive": STAFF,
    "grants.partner_searches": LOGGED_IN,
    "grants.partner_search_new": LOGGED_IN,  # who is no contact is told how
    # Matches: Norec, and organisations looking for a partner (the applicant's does here).
    "grants.partner_search": STAFF | {"applicant"},
    "grants.partner_connect": LOGGED_IN,  # no such other search: 404 for all
    "grants.partner_search_close": STAFF | {"applicant"},
}
# The routes that only take a form sent to them; the rest are pages.
POSTED = {
    "grants.line_delete",
    "grants.attach",
    "grants.confirm",
    "grants.assign",
    "grants.unassign",
    "grants.participant_complete",
    "grants.participant_remove",
    "grants.pay",
    "grants.report_attach",
    "grants.exchange_explain",
    "grants.instalment_cancel",
    "grants.course_waive",
    "grants.partner_connect",
    "grants.partner_search_close",
}
PLACEHOLDERS = {"kind": "exchange", "line": 999}


def test_only_the_public_surface():
    assert private_core_imports(Path(__file__).parent.parent / "norec_grants") == []


def test_every_route_is_in_the_matrix_and_the_posted_ones_only_take_posts(app):
    assert set(plugin_routes(app.registry, "grants")) == set(MATRIX)
    methods: dict[str, set] = {}
    for item in app.registry.introspector.get_category("views"):
        view = item["introspectable"]
        if (view["route_name"] or "").startswith("grants."):
            taken = view["request_methods"] or ("GET",)
            taken = {taken} if isinstance(taken, str) else set(taken)
            methods.setdefault(view["route_name"], set()).update(taken - {"HEAD"})
    assert {name for name, taken in methods.items() if taken == {"POST"}} == POSTED


@pytest.fixture
def as_case(db_session, make_user, make_organisation, make_partnership, client, application):
    def log_in(case):
        if case == "anonymous":
            return client()
        roles = [case] if case in ("caseworker", "admin") else []
        user = make_user(f"{case}@matrix.example.org", roles=roles)
        if case == "applicant":
            grant_local_role(db_session, user, application.partnership.organisations[0], "contact")
        if case == "other_contact":
            other = make_organisation(name="Elsewhere", country="KE")
            make_partnership(organisations=[other, make_organisation(country="NO")])
            grant_local_role(db_session, user, other, "contact")
        if case == "assessor":
            assign(db_session, application, user)
        return client(user.email)

    return log_in


@pytest.mark.parametrize("case", CASES)
def test_each_case_is_allowed_exactly_what_the_matrix_says(
    case, as_case, application, open_call, scheme, db_session
):
    appeal = Appeal(grounds="An appeal to read.")
    application.appeals.append(appeal)
    search = PartnerSearch(
        organisation=application.partnership.organisations[0], sectors=["health"], offers="x"
    )
    db_session.add(search)
    db_session.flush()
    browser = as_case(case)
    ids = {"grants.appeal_case": appeal.id, "grants.scheme": scheme.id}
    ids |= {"grants.scheme_edit": scheme.id}
    ids |= {name: open_call.id for name in ("grants.call", "grants.call_edit", "grants.apply")}
    ids |= {name: search.id for name in MATRIX if name.startswith("grants.partner_")}
    paths = {
        name: fill_route(pattern, {**PLACEHOLDERS, "id": ids.get(name, application.id)})
        for name, pattern in plugin_routes(browser.app.registry, "grants").items()
    }
    organisation = {"organisation": str(application.partnership.organisations[0].id)}
    posted = {name: organisation for name in POSTED}
    assert matrix_mismatches(browser, case, MATRIX, paths, posted) == []


@pytest.mark.parametrize("roles", [None, [], ["caseworker"], ["admin"]])
def test_the_matrix_holds_on_every_kind_of_demo_record(demo_app, roles):
    case = "anonymous" if roles is None else (roles or ["member"])[0]
    paths = demo_paths(demo_app, "grants", PLACEHOLDERS)
    assert set(paths) == set(MATRIX)  # every route walked, on every kind of record
    pages = {name: allowed for name, allowed in MATRIX.items() if name not in POSTED}
    assert demo_mismatches(demo_browser(demo_app, roles), case, pages, paths) == []


@pytest.mark.norec_backends("sqlite", "postgresql")
def test_migrations_match_the_models(norec_backend, request, tmp_path):
    if norec_backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'grants.sqlite'}"
    else:
        url = request.getfixturevalue("postgresql_server").create_database("grants_migrations")
    assert_migrations_match(make_settings(url, **{"norec.plugins": "grants"}), "grants", "grants_")
