"""Password hashing with argon2, the current recommendation for stored passwords, and
refusing passwords that are easy to guess."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


# Compared against when the e-mail is unknown, so that a failed login takes as long
# whether or not the account exists.
DUMMY_HASH = _hasher.hash("not a password anyone has")

# Stored for accounts that have no password yet (invited, not yet chosen): it is no
# argon2 hash, so no password verifies against it.
UNUSABLE = "!no password yet"


def easy_to_guess(password: str) -> bool:
    """Whether `password` is common, breached or close to one that is, or otherwise quick
    to guess: zxcvbn's estimate, offline, from the lists of passwords leaked in breaches,
    common words and names, keyboard patterns and dates. Below 3 of 4 means fewer than
    10^8 guesses, which an attacker holding the hashes can afford."""
    return zxcvbn(password[:72])["score"] < 3  # zxcvbn reads no more than 72 characters
