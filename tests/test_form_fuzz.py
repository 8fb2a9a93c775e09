"""A fuzzer over the HTML forms of the plugins and the core: every page a route shows to
the demo's administrator, on the demo's data, and every form on it sent twice: with what
a fuzzer types (unicode of any kind, impossible dates, markup, formulae, direction
controls, oversized text, options no list offers), and with what no column holds
(numbers past 2**31 and 2**63, text past any length) in every field. Whatever comes, the
answer is never a server error, on SQLite and on PostgreSQL (which, unlike SQLite,
refuses a value its column cannot hold: there the second sending alone, since the first
finds nothing SQLite would not).

The OpenAPI fuzzer (test_openapi_fuzz) does the same for the JSON API from its document;
here there is no document but the pages themselves.
"""

from __future__ import annotations

import collections
import random
import re

import pytest
import webtest

from norec_core.app import main
from norec_core.domain.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD
from norec_core.test_browsers import testapp_class as _testapp_class
from norec_core.testing import load_demo_database, make_settings

pytestmark = pytest.mark.bundle

TRICKY = [
    "",
    " ",
    "NaN",
    "Infinity",
    "1e309",
    "-1",
    "0",
    "99999999999999999999",
    "²",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31T25:61",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "\u202eexe.pdf",
    "a" * 5000,
    "ø" * 301,
    "x@",
    "null",
    "{}",
    "../../etc/passwd",
    "line\r\nBcc: x@example.org",
]
# Past what a column holds: numbers a form may read as an id, an amount or a count, from
# past a 32-bit integer to past a 64-bit one, and text past any field's length. SQLite
# keeps them all; PostgreSQL refuses what its column cannot hold.
LIMITS = [
    "2147483648",
    "-2147483649",
    "4294967296",
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "1" + "0" * 30,
    "a" * 5000,
    "ø" * 1001,
]
# Forms that end the fuzzer's own visit, or whose point is elsewhere.
SKIPPED = re.compile(r"/logout$|/login$|/account/(password|email|tokens)")
PLACEHOLDERS = {
    "code": "KE",
    "kind": "cost",
    "part": "education",
    "format": "bib",
    "slug": "water",
}


def _text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(TRICKY)
    # Any code point below the surrogates, control characters included.
    return "".join(chr(rng.randrange(1, 0xD7FF)) for _ in range(rng.randrange(1, 40)))


def _fill(form: webtest.forms.Form, rng: random.Random, limits: bool) -> None:
    """Fill every field of `form` as a fuzzer would: with `limits`, every text field and
    choice with one of LIMITS, else with anything (a choice mostly from its options)."""
    for name, fields in form.fields.items():
        if name in ("csrf_token", "__formid__", "_charset_", "__start__", "__end__"):
            continue
        for field in fields:
            kind = field.__class__.__name__
            if kind in ("Submit", "Hidden"):
                continue
            if kind == "File":
                field.value = ("x.pdf", rng.randbytes(rng.randrange(0, 2000)))
            elif kind == "Checkbox":
                field.checked = rng.random() < 0.5
            elif kind in ("Select", "MultipleSelect", "Radio"):
                options = [o[0] for o in field.options]
                if limits:
                    value = rng.choice(LIMITS)
                elif options and rng.random() < 0.7:
                    value = rng.choice(options)
                else:
                    value = _text(rng)
                field.force_value([value] if kind == "MultipleSelect" else value)
            else:
                field.force_value(rng.choice(LIMITS) if limits else _text(rng))


def _paths(app, browser) -> list[str]:
    """Every route's page, its {id} filled with a record of the demo."""
    from sqlalchemy import select

    from norec_core.db import new_session

    paths = []
    with new_session(app.registry) as session:
        for route in app.registry.introspector.get_category("routes"):
            info = route["introspectable"]
            pattern = "/" + info["pattern"].lstrip("/")
            model = getattr(info["factory"], "model", None)
            if "{id" in pattern:
                if model is None:
                    continue
                found = session.scalar(select(model.id).order_by(model.id.desc()).limit(1))
                if found is None:
                    continue
                pattern = re.sub(r"\{id(:[^}]*)?\}", str(found), pattern)
            for name, value in PLACEHOLDERS.items():
                pattern = re.sub(r"\{" + name + r"(:[^{}]*(\{[^}]*\})?[^}]*)?\}", value, pattern)
            if "{" not in pattern and not pattern.startswith(("/static", "/_", "/api/")):
                paths.append(pattern)
    return sorted(set(paths))


@pytest.fixture
def demo_on_backend(norec_backend, request, tmp_path, smtp_server):
    """The demo on SQLite (the run's copy), or loaded anew into PostgreSQL, where columns
    hold their declared lengths and integer ranges."""
    if norec_backend == "sqlite":
        return request.getfixturevalue("demo_app")
    url = request.getfixturevalue("postgresql_server").create_database("norec_form_fuzz")
    mail = {"norec.mail.port": str(smtp_server.port), "norec.files.url": f"file://{tmp_path}"}
    settings = make_settings(url, **mail)
    load_demo_database(settings)
    return main({}, **settings)


def test_no_form_of_any_page_gives_a_server_error(demo_on_backend, norec_backend):
    app = demo_on_backend
    # Anything, then the limits; PostgreSQL differs from SQLite in the limits alone.
    rounds = (True,) if norec_backend == "postgresql" else (False, True)
    browser = _testapp_class()(app, extra_environ={"HTTP_HOST": "localhost"})
    browser.login(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)
    rng = random.Random(20261203)  # noqa: S311 (a repeatable run, no secret)
    failures, forms, statuses = [], 0, collections.Counter()
    for path in _paths(app, browser):
        page = browser.get(path, expect_errors=True)
        if page.status_int >= 500:
            failures.append(f"GET {path}: {page.status}")
        if page.status_int != 200 or "html" not in page.content_type:
            continue
        for form in page.forms.values():
            action = form.action or path
            if (form.method or "").upper() != "POST" or SKIPPED.search(action):
                continue
            forms += 1
            for limits in rounds:
                _fill(form, rng, limits)
                response = form.submit(expect_errors=True)
                statuses[response.status_int] += 1
                if response.status_int >= 500:
                    failures.append(f"POST {action} (from {path}): {response.status}")
    sent = sum(statuses.values())
    print(f"\nform fuzzer: {forms} forms, {sent} sendings, answered {dict(statuses)}")
    assert forms > 50  # the fuzzer reached the plugins' forms, not only the login
    assert failures == []
