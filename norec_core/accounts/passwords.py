"""Password hashing with argon2, the current recommendation for stored passwords, and
refusing passwords that are easy to guess."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2-cffi's defaults, RFC 9106's second recommended profile (3 passes over 64 MiB,
# 4 lanes): about 270 ms a hash here, which an attacker holding the hashes pays per guess.
PRODUCTION = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}

_hasher = PasswordHasher(**PRODUCTION)
# Compared against when the e-mail is unknown, so that a failed login takes as long
# whether or not the account exists; made at the first such login after the cost is set.
_dummy_hash: str | None = None


def configure(settings: dict) -> None:
    """Set the cost of new hashes from `norec.argon2.time_cost`, `.memory_cost` (KiB) and
    `.parallelism`, each defaulting to `PRODUCTION`. The test fixtures set them as low as
    argon2 allows; a hash made at other costs still verifies, and is made anew at the
    configured ones on the next login. One hasher serves the whole process."""
    global _hasher, _dummy_hash
    parameters = {
        name: int(settings.get(f"norec.argon2.{name}", default))
        for name, default in PRODUCTION.items()
    }
    if parameters != {
        "time_cost": _hasher.time_cost,
        "memory_cost": _hasher.memory_cost,
        "parallelism": _hasher.parallelism,
    }:
        _hasher = PasswordHasher(**parameters)
        _dummy_hash = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_nothing(password: str) -> None:
    """Spend the time a wrong password costs, for an account that does not exist."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("not a password anyone has")
    verify_password(_dummy_hash, password)


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


# Stored for accounts that have no password yet (invited, not yet chosen): it is no
# argon2 hash, so no password verifies against it.
UNUSABLE = "!no password yet"


def easy_to_guess(password: str) -> bool:
    """Whether `password` is common, breached or close to one that is, or otherwise quick
    to guess: zxcvbn's estimate, offline, from the lists of passwords leaked in breaches,
    common words and names, keyboard patterns and dates. Below 3 of 4 means fewer than
    10^8 guesses, which an attacker holding the hashes can afford."""
    # Imported here: its lists of leaked passwords are 12 MB in every process otherwise,
    # the workers' and the commands' too, where nobody chooses a password.
    from zxcvbn import zxcvbn

    return zxcvbn(password[:72])["score"] < 3  # zxcvbn reads no more than 72 characters
