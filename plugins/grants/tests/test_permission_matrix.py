"""The plugin's part of the route and role matrix: every route of the plugin, requested by
every kind of user, is allowed or refused as written here by hand."""

from __future__ import annotations

import pytest

from norec_core import grant_local_role
from norec_grants.assessment import assign
from norec_grants.models import Appeal, PartnerSearch

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")

CASES = ("anonymous", "member", "caseworker", "admin", "applicant", "other_contact", "assessor")
EVERYONE = frozenset(CASES)
LOGGED_IN = EVERYONE - {"anonymous"}
STAFF = frozenset({"admin", "caseworker"})

# (route, method) -> who may; the application is a draft, the call open.
MATRIX = {
    ("grants.overview", "GET"): EVERYONE,
    ("grants.schemes", "GET"): EVERYONE,
    ("grants.scheme", "GET"): EVERYONE,
    ("grants.call", "GET"): EVERYONE,
    ("grants.scheme_new", "GET"): STAFF,
    ("grants.scheme_edit", "GET"): STAFF,
    ("grants.call_new", "GET"): STAFF,
    ("grants.call_edit", "GET"): STAFF,
    ("grants.rates", "GET"): STAFF,
    ("grants.queue", "GET"): STAFF,
    ("grants.mine", "GET"): LOGGED_IN,
    # Contact persons of an organisation in some partnership start applications.
    ("grants.apply", "GET"): frozenset({"applicant", "other_contact"}),
    ("grants.application", "GET"): STAFF | {"applicant", "assessor"},
    ("grants.application_edit", "GET"): frozenset({"admin", "applicant"}),
    ("grants.exchange_new", "GET"): frozenset({"admin", "applicant"}),
    ("grants.cost_new", "GET"): frozenset({"admin", "applicant"}),
    ("grants.line_delete", "POST"): frozenset({"admin", "applicant"}),
    ("grants.attach", "POST"): frozenset({"admin", "applicant"}),
    # Only for one's own organisation, whatever else one may do.
    ("grants.confirm", "POST"): frozenset({"applicant"}),
    ("grants.assign", "POST"): STAFF,
    ("grants.unassign", "POST"): STAFF,
    # Only the assessors assigned, even among those who may assess.
    ("grants.declare", "GET"): frozenset({"assessor"}),
    # Nobody scores a draft (test_assessment scores one in assessment).
    ("grants.score", "GET"): frozenset(),
    ("grants.decide", "GET"): STAFF,
    ("grants.screening", "GET"): STAFF,
    ("grants.letter", "GET"): STAFF | {"applicant", "assessor"},
    ("grants.letter_pdf", "GET"): STAFF | {"applicant", "assessor"},
    ("grants.appeal", "GET"): frozenset({"admin", "applicant"}),
    ("grants.appeal_case", "GET"): STAFF | {"applicant"},
    ("grants.participants", "GET"): STAFF | {"applicant", "assessor"},
    ("grants.participant_complete", "POST"): STAFF,
    # Participants are registered once the grant is given; this is a draft.
    ("grants.participant_remove", "POST"): frozenset({"admin"}),
    ("grants.money", "GET"): STAFF | {"applicant", "assessor"},
    ("grants.pay", "POST"): STAFF,
    ("grants.report", "GET"): STAFF | {"applicant", "assessor"},
    # The report's files while the exchanges run; exchanges explained once granted.
    ("grants.report_attach", "POST"): frozenset({"admin"}),
    ("grants.exchange_explain", "POST"): frozenset({"admin"}),
    ("grants.instalment_cancel", "POST"): STAFF,
    ("grants.course_waive", "POST"): STAFF,
    ("grants.partner_searches", "GET"): LOGGED_IN,
    ("grants.partner_search_new", "GET"): LOGGED_IN,  # who is no contact is told how
    # Matches: Norec, and organisations looking for a partner (the applicant's does here).
    ("grants.partner_search", "GET"): STAFF | {"applicant"},
    ("grants.partner_connect", "POST"): LOGGED_IN,  # no such other search: 404 for all
    ("grants.partner_search_close", "POST"): STAFF | {"applicant"},
}


def _views(registry):
    found = set()
    for item in registry.introspector.get_category("views"):
        view = item["introspectable"]
        if (view["route_name"] or "").startswith("grants."):
            methods = view["request_methods"] or ("GET",)
            for method in methods if isinstance(methods, tuple | list) else (methods,):
                if method != "HEAD":
                    found.add((view["route_name"], method))
    return found


def test_every_route_of_the_plugin_is_in_the_matrix(app):
    assert _views(app.registry) == set(MATRIX)


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
    client = as_case(case)
    token = client.csrf_token()
    ids = {"scheme": scheme.id, "call": open_call.id, "application": application.id}
    urls = {
        "grants.overview": "/grants/",
        "grants.schemes": "/grants/schemes",
        "grants.scheme": f"/grants/schemes/{ids['scheme']}",
        "grants.scheme_new": "/grants/schemes/new",
        "grants.scheme_edit": f"/grants/schemes/{ids['scheme']}/edit",
        "grants.call": f"/grants/calls/{ids['call']}",
        "grants.call_new": "/grants/calls/new",
        "grants.call_edit": f"/grants/calls/{ids['call']}/edit",
        "grants.apply": f"/grants/calls/{ids['call']}/apply",
        "grants.rates": "/grants/exchange-rates",
        "grants.queue": "/grants/applications",
        "grants.mine": "/grants/applications/mine",
        "grants.application": f"/grants/applications/{ids['application']}",
        "grants.application_edit": f"/grants/applications/{ids['application']}/edit",
        "grants.exchange_new": f"/grants/applications/{ids['application']}/exchanges/new",
        "grants.cost_new": f"/grants/applications/{ids['application']}/costs/new",
        "grants.line_delete": f"/grants/applications/{ids['application']}/exchange/999/delete",
        "grants.confirm": f"/grants/applications/{ids['application']}/confirm",
        "grants.attach": f"/grants/applications/{ids['application']}/files",
        "grants.assign": f"/grants/applications/{ids['application']}/assessors",
        "grants.unassign": f"/grants/applications/{ids['application']}/assessors/remove",
        "grants.declare": f"/grants/applications/{ids['application']}/conflicts",
        "grants.score": f"/grants/applications/{ids['application']}/scores",
        "grants.decide": f"/grants/applications/{ids['application']}/decide",
        "grants.screening": f"/grants/applications/{ids['application']}/screening",
        "grants.letter": f"/grants/applications/{ids['application']}/decision",
        "grants.letter_pdf": f"/grants/applications/{ids['application']}/decision.pdf",
        "grants.appeal": f"/grants/applications/{ids['application']}/appeal",
        "grants.appeal_case": f"/grants/appeals/{appeal.id}",
        "grants.participants": f"/grants/applications/{ids['application']}/participants",
        "grants.participant_complete": (
            f"/grants/applications/{ids['application']}/participants/complete"
        ),
        "grants.participant_remove": (
            f"/grants/applications/{ids['application']}/participants/remove"
        ),
        "grants.money": f"/grants/applications/{ids['application']}/money",
        "grants.pay": f"/grants/applications/{ids['application']}/money/pay",
        "grants.report": f"/grants/applications/{ids['application']}/report",
        "grants.report_attach": f"/grants/applications/{ids['application']}/report/files",
        "grants.exchange_explain": f"/grants/applications/{ids['application']}/report/explain",
        "grants.instalment_cancel": f"/grants/applications/{ids['application']}/money/cancel",
        "grants.course_waive": (f"/grants/applications/{ids['application']}/participants/waive"),
        "grants.partner_searches": "/grants/partners",
        "grants.partner_search_new": "/grants/partners/new",
        "grants.partner_search": f"/grants/partners/{search.id}",
        "grants.partner_connect": f"/grants/partners/{search.id}/connect",
        "grants.partner_search_close": f"/grants/partners/{search.id}/close",
    }
    organisation = str(application.partnership.organisations[0].id)
    unexpected = []
    for (name, method), allowed in sorted(MATRIX.items()):
        if method == "GET":
            response = client.get(urls[name], expect_errors=True)
        else:
            data = {"csrf_token": token, "organisation": organisation}
            response = client.post(urls[name], data, expect_errors=True)
        assert response.status_int < 500, (name, response.status)
        refused = response.status_int in (401, 403) or (
            response.status_int == 302 and "/login?came_from=" in response.location
        )
        if refused == (case in allowed):
            unexpected.append((name, method, response.status))
    assert unexpected == []
