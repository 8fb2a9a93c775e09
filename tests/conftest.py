"""The core's tests take their fixtures from norec_core.testing, as a plugin's tests do."""
