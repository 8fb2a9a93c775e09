"""The settings of a test application (part of the Norec pytest plugin,
`norec_core.testing`): embedded defaults, mail to the tests' SMTP server, passwords hashed
cheaply."""

from __future__ import annotations

import tempfile

SESSION_SECRET = "test-secret-" + "x" * 32
# Passwords hashed as cheaply as argon2 allows: production's cost (about 270 ms a hash and
# again a login) was most of the suite's time. tests/test_passwords.py keeps production's.
CHEAP_HASHING = {
    "norec.argon2.time_cost": "1",
    "norec.argon2.memory_cost": "8",
    "norec.argon2.parallelism": "1",
}


def make_settings(database_url: str, **overrides) -> dict:
    """Settings for a test application; every installed plugin is enabled unless overridden."""
    settings = {
        "sqlalchemy.url": database_url,
        "norec.session_secret": SESSION_SECRET,
        "pyramid.default_locale_name": "en",
        "retry.attempts": "3",
        "norec.queue.url": "immediate",
        "norec.mail.transport": "smtp",
        "norec.mail.host": "127.0.0.1",
        "norec.mail.port": "25",
        "norec.mail.sender": "Norec test <noreply@test.example.org>",
        # The agency the tests stand for (a sister agency's names: tests/test_agency.py).
        "norec.site_name": "Norec – the Norwegian Agency for Exchange Cooperation",
        "norec.short_name": "Norec",
        "norec.base_url": "http://localhost",
        "norec.files.url": f"file://{tempfile.mkdtemp(prefix='norec-files-')}",
        # WebTest calls the site localhost; the browser tests, 127.0.0.1.
        "norec.allowed_hosts": "127.0.0.1",
        "norec.secure_cookies": "false",
        **CHEAP_HASHING,
    }
    settings.update(overrides)
    return settings
