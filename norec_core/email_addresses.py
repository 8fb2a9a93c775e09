"""What the platform takes for an e-mail address: one rule for every form, the JSON API,
the password reset and the plugins' imports, so that an address accepted in one place is
never refused in another.

Internationalised addresses (`bjørn.achieng@example.org`, `anna@bücher.de`) are
addresses: people have them, and the outbox sends them with SMTPUTF8. The syntax is
checked by `email-validator` (RFC 5321/5322 and RFC 6531), without asking the DNS: a
form or an import must not depend on the network, nor wait for it.
"""

from __future__ import annotations

import colander
from email_validator import EmailNotValidError, validate_email

from norec_core.i18n import _

INVALID = _("This is not an e-mail address.")
MAX_LENGTH = 320  # the longest address a column of ours holds


def valid_email(address: str | None) -> bool:
    """Whether `address` (as typed, surrounding spaces aside) is an e-mail address."""
    text = (address or "").strip()
    if not text or len(text) > MAX_LENGTH:
        return False
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


class EmailValidator(colander.Email):
    """The colander validator of every e-mail field. A subclass of colander's own, so that
    the API's JSON Schema still says `format: email`; only the rule differs."""

    def __init__(self, msg=None):
        super().__init__(msg=msg or INVALID)

    def __call__(self, node, value):
        if not valid_email(value):
            raise colander.Invalid(node, self.msg)


email_validator = EmailValidator()
