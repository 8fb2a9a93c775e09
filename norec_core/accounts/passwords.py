"""Password hashing with argon2, the current recommendation for stored passwords."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

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
