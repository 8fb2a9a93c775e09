"""The application starts with the core alone and with each plugin alone."""

import pytest
import webtest

from norec_core.app import main
from norec_core.plugins import PluginError
from norec_core.testing import make_settings

PLUGINS = ["grants", "multilateral", "network", "research"]  # the shipped ones


def _start(migrated_database, plugins: str):
    settings = make_settings(migrated_database["sqlalchemy.url"], **{"norec.plugins": plugins})
    return webtest.TestApp(main({}, **settings))


def test_core_alone(migrated_database):
    app = _start(migrated_database, "")
    nav = app.get("/").html.find("nav").text
    assert "Organisations" in nav
    for plugin in PLUGINS:
        app.get(f"/{plugin}/", status=404)


@pytest.mark.bundle
@pytest.mark.parametrize("plugin", PLUGINS)
def test_each_plugin_alone(migrated_database, plugin):
    app = _start(migrated_database, plugin)
    links = {a["href"] for a in app.get("/").html.find("nav").find_all("a")}
    assert f"/{plugin}/" in links
    assert not {f"/{other}/" for other in PLUGINS if other != plugin} & links
    app.get(f"/{plugin}/", status=200)


def test_a_missing_plugin_stops_start_up(migrated_database):
    with pytest.raises(PluginError, match="is norec-nonesuch installed"):
        _start(migrated_database, "nonesuch")


def test_the_session_secret_is_required(migrated_database):
    settings = make_settings(migrated_database["sqlalchemy.url"])
    del settings["norec.session_secret"]
    with pytest.raises(ValueError, match="norec.session_secret"):
        main({}, **settings)
