"""The core's tests take their fixtures from norec_core.testing, as a plugin's tests do.

Tests marked `bundle` are about the whole bundle (the core with its four plugins, as
Norec deploys it); where only the core is installed, as a sister agency may, they are
skipped and the rest shows that the core works alone.
"""

import pytest

from norec_core.plugins import installed_plugins

BUNDLE = {"grants", "network", "multilateral", "research"}


def pytest_configure(config):
    config.addinivalue_line("markers", "bundle: needs the four plugins installed")


def pytest_collection_modifyitems(config, items):
    missing = BUNDLE - set(installed_plugins())
    if not missing:
        return
    skip = pytest.mark.skip(reason=f"the bundle's plugins are not installed: {sorted(missing)}")
    for item in items:
        if "bundle" in item.keywords:
            item.add_marker(skip)
