"""The JSON API keeps to its own OpenAPI document: Schemathesis generates requests from the
served document (valid ones and, as a fuzzer, invalid ones) and checks every answer
against it: no 500, documented status codes and content types, bodies that match their
schemas. Run with a token and without one."""

import collections

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from norec_core.accounts.users import save_user
from norec_core.jsonapi import tokens as api_tokens

EXAMPLES = 25
# Without a token most operations answer 401 whatever the input, and the public ones run
# the same code as with a token: fewer cases find as much.
ANONYMOUS_EXAMPLES = 10
# A request valid by the document may still break a rule across fields that JSON Schema
# cannot say (an activity ends after it starts, partners are in different countries); the
# answer is then 422 with the field named. Every other refusal of valid data fails.
ACCEPTED = ["2xx", "401", "403", "404", "422"]


def config(token: str | None) -> SchemathesisConfig:
    settings = {"checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}}}
    if token:
        # Given as the document's security scheme, so that the fuzzer also leaves it out.
        settings["auth"] = {"openapi": {"token": {"bearer": token}}}
    return SchemathesisConfig.from_dict(settings)


def fuzz(app, token: str | None, part: int = 0, parts: int = 1) -> tuple[int, int, list, dict]:
    """Operations, cases, one line per operation that failed, and the statuses seen; of
    the document's operations, every `parts`-th from the `part`-th."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=config(token))
    operations = cases = 0
    failures = []
    statuses = collections.defaultdict(set)
    for number, result in enumerate(schema.get_all_operations()):
        if number % parts != part:
            continue
        operation = result.ok()
        operations += 1
        # Requests valid by the document, then, as a fuzzer, invalid ones.
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES if token else ANONYMOUS_EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                nonlocal cases
                cases += 1
                response = case.call_and_validate()
                statuses[case.operation.label].add(response.status_code)

            try:
                check()
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{operation.label} ({mode}): {str(exc)[:1500]}")
    return operations, cases, failures, statuses


@pytest.mark.norec_backends("sqlite")  # the document is the same on both databases
# With a token, in two halves that run side by side: the longest test of the run otherwise.
@pytest.mark.parametrize(
    ("with_token", "part", "parts"),
    [(True, 0, 2), (True, 1, 2), (False, 0, 1)],
    ids=["token-first-half", "token-second-half", "anonymous"],
)
def test_the_api_keeps_to_its_document(app, db_session, make_person, with_token, part, parts):
    token = None
    if with_token:
        user = save_user(db_session, "fuzz@example.org", "fuzz-password-1", roles=["admin"])
        token = api_tokens.create(db_session, user, "fuzz")[1]
    make_person()
    operations, cases, failures, statuses = fuzz(app, token, part, parts)
    print(f"\nschemathesis: {operations} operations, {cases} cases, {len(failures)} failures")
    assert failures == [], "\n\n".join(failures)
    # The token was used: what only staff may do was done with it, and never without.
    if "POST /people" in statuses:
        assert (201 in statuses["POST /people"]) == with_token
