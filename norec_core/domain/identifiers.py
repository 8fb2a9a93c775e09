"""Identifiers from outside registries, checked by their own check digits.

ORCID iDs (people), ROR ids (research organisations) and Norwegian organisation numbers
each carry a checksum, so a typed digit too many or a swapped pair is caught at the field
instead of leading a harvester or a case officer to someone else.
"""

from __future__ import annotations

import re

import colander

from norec_core.i18n import _

_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
# ROR: a leading 0, six characters of Crockford's base32 (no i, l, o, u), two check digits.
_ROR = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}\d{2}$")
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def _strip_prefix(value, *prefixes: str):
    if not isinstance(value, str):
        return value
    value = value.strip()
    for prefix in prefixes:
        if value.lower().startswith(prefix):
            return value[len(prefix) :]
    return value


def clean_orcid(value):
    """Accept the iD as printed or as its https://orcid.org/ address."""
    value = _strip_prefix(value, "https://orcid.org/", "http://orcid.org/", "orcid.org/")
    return value.upper() if isinstance(value, str) else value


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2 over the first fifteen digits, as ORCID specifies."""
    digits = orcid.replace("-", "")
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def orcid_validator(node, value) -> None:
    if not _ORCID.match(value) or not orcid_checksum_ok(value):
        raise colander.Invalid(
            node, _("Not an ORCID iD: 16 digits in groups of four, as 0000-0002-1825-0097.")
        )


def clean_ror(value):
    """Accept the id alone or as its https://ror.org/ address."""
    value = _strip_prefix(value, "https://ror.org/", "http://ror.org/", "ror.org/")
    return value.lower() if isinstance(value, str) else value


def ror_checksum_ok(ror: str) -> bool:
    """ROR's check digits: 98 minus the base-32 number of the body times 100, modulo 97."""
    number = 0
    for char in ror[:7]:
        number = number * 32 + _CROCKFORD.index(char)
    return int(ror[7:]) == 98 - (number * 100) % 97


def ror_validator(node, value) -> None:
    if not _ROR.match(value) or not ror_checksum_ok(value):
        raise colander.Invalid(node, _("Not a ROR id: nine characters, as 01xtthb56."))


def clean_org_number(value):
    return re.sub(r"[\s.]", "", value) if isinstance(value, str) else value


def org_number_validator(node, value) -> None:
    """Nine digits are a Norwegian number and must pass its MOD 11 check; other countries'
    numbers are kept as given, within a length limit."""
    colander.Length(max=30)(node, value)
    if re.fullmatch(r"\d{9}", value):
        weights = (3, 2, 7, 6, 5, 4, 3, 2)
        remainder = sum(int(d) * w for d, w in zip(value, weights, strict=False)) % 11
        check = 0 if remainder == 0 else 11 - remainder
        if check == 10 or check != int(value[8]):
            raise colander.Invalid(node, _("Not a valid Norwegian organisation number."))
