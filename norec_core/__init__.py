"""The Norec platform's core. The public surface for plugins is re-exported here."""

# The audit and consent recorders listen on every SQLAlchemy session: imported with the
# package, so that the web application, the CLI, the worker and the tests all record.
from norec_core.app import main
from norec_core.audit import recorder as _recorder  # noqa: F401
from norec_core.hookspecs import hookimpl
from norec_core.privacy import consent as _consent  # noqa: F401

__all__ = ["hookimpl", "main"]
