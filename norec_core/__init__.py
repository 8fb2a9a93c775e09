"""The Norec platform's core. The public surface for plugins is re-exported here."""

from norec_core.app import main
from norec_core.hookspecs import hookimpl

__all__ = ["hookimpl", "main"]
