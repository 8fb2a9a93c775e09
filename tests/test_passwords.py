"""Password hashing at production's cost: the one place the tests keep it, since every
other test hashes as cheaply as argon2 allows (`norec_core.testing.CHEAP_HASHING`)."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters

from norec_core.accounts import passwords
from norec_core.accounts.models import User
from norec_core.accounts.users import authenticate
from norec_core.testing import CHEAP_HASHING


@pytest.fixture
def production_hashing():
    passwords.configure({})
    yield
    passwords.configure(CHEAP_HASHING)


def test_without_settings_hashes_cost_what_rfc_9106_recommends(production_hashing):
    parameters = extract_parameters(passwords.hash_password("a long passphrase"))

    assert (parameters.time_cost, parameters.memory_cost, parameters.parallelism) == (3, 65536, 4)


def test_the_settings_set_the_cost():
    parameters = extract_parameters(passwords.hash_password("a long passphrase"))

    assert (parameters.time_cost, parameters.memory_cost, parameters.parallelism) == (1, 8, 1)


def test_a_cheap_hash_is_made_anew_at_production_cost_on_login(production_hashing, db_session):
    passwords.configure(CHEAP_HASHING)
    user = User(email="cheap@example.org", password_hash=passwords.hash_password("pass phrase 1"))
    db_session.add(user)
    db_session.flush()
    passwords.configure({})

    assert authenticate(db_session, "cheap@example.org", "pass phrase 1") is user
    assert extract_parameters(user.password_hash).memory_cost == 65536
    assert passwords.verify_password(user.password_hash, "pass phrase 1")
    assert authenticate(db_session, "cheap@example.org", "wrong phrase") is None
    assert authenticate(db_session, "nobody@example.org", "pass phrase 1") is None
