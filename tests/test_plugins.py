"""The plugin contract: discovery, enabling, validation of hooks and of what plugins declare."""

import types
from importlib.metadata import EntryPoint

import colander
import pytest

from norec_core import hookimpl
from norec_core.contributions import ActivityKind, Role
from norec_core.plugins import (
    PluginError,
    activity_kinds,
    enabled_names,
    installed_plugins,
    make_plugin_manager,
    plugin_settings,
    roles,
)


class _Installed:
    """An installed plugin as the manager sees it: an entry point that loads a module."""

    def __init__(self, module):
        self.module, self.value, self.dist = module, module.__name__, None

    def load(self):
        return self.module


def _plugin(name, **hooks):
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))
    return module


def test_the_four_plugins_are_installed():
    installed = installed_plugins()
    assert {"grants", "network", "multilateral", "research"} <= set(installed)
    assert all(isinstance(ep, EntryPoint) for ep in installed.values())


def test_every_installed_plugin_is_enabled_by_default():
    installed = {"b": None, "a": None}
    assert enabled_names({}, installed) == ["a", "b"]
    assert enabled_names({"norec.plugins": "b"}, installed) == ["b"]
    assert enabled_names({"norec.plugins": ""}, installed) == []
    assert enabled_names({"norec.plugins": "b\n a"}, installed) == ["b", "a"]


def test_a_plugin_named_but_not_installed_stops_start_up():
    with pytest.raises(PluginError, match="is norec-grants installed"):
        enabled_names({"norec.plugins": "grants"}, {})
    with pytest.raises(PluginError, match="names a plugin twice"):
        enabled_names({"norec.plugins": "a a"}, {"a": None})


def test_a_hook_with_an_unknown_name_is_rejected():
    typo = _plugin("typo", norec_navigaton=lambda request: [])
    with pytest.raises(PluginError, match="plugin 'typo'.*unknown hook 'norec_navigaton'"):
        make_plugin_manager({}, {"typo": _Installed(typo)})


def test_a_hook_asking_for_an_unknown_argument_is_rejected():
    wrong = _plugin("wrong", norec_navigation=lambda request, user: [])
    with pytest.raises(PluginError, match="plugin 'wrong'"):
        make_plugin_manager({}, {"wrong": _Installed(wrong)})


def test_two_plugins_claiming_one_activity_kind_is_an_error():
    kind = lambda: [ActivityKind("meeting", "Meeting")]  # noqa: E731 (the core's own name)
    pm = make_plugin_manager({}, {"dup": _Installed(_plugin("dup", norec_activity_kinds=kind))})
    with pytest.raises(PluginError, match="activity kind 'meeting' is taken"):
        activity_kinds(pm)


def test_roles_are_merged_across_plugins():
    adviser = lambda: [Role("adviser", "Adviser", frozenset({"a"}))]  # noqa: E731
    more = lambda: [Role("adviser", "Adviser", frozenset({"b"}))]  # noqa: E731
    pm = make_plugin_manager(
        {},
        {
            "one": _Installed(_plugin("one", norec_roles=adviser)),
            "two": _Installed(_plugin("two", norec_roles=more)),
        },
    )
    assert roles(pm)["adviser"].permissions == {"a", "b"}
    assert "admin" in roles(pm)


def test_conflicting_role_titles_are_an_error():
    one = lambda: [Role("admin", "Boss", frozenset())]  # noqa: E731
    pm = make_plugin_manager({}, {"one": _Installed(_plugin("one", norec_roles=one))})
    with pytest.raises(PluginError, match="different titles or scopes"):
        roles(pm)


def test_plugin_settings_are_validated_strictly():
    class Schema(colander.MappingSchema):
        batch_size = colander.SchemaNode(colander.Int(), missing=100)

    configured = _plugin("configured", norec_settings_schema=lambda: Schema())
    pm = make_plugin_manager({}, {"configured": _Installed(configured)})
    assert plugin_settings(pm, {"norec.configured.batch_size": "5"}) == {
        "configured": {"batch_size": 5}
    }
    with pytest.raises(PluginError, match="norec.configured.batch_size"):
        plugin_settings(pm, {"norec.configured.batch_size": "many"})
    with pytest.raises(PluginError, match="invalid settings"):
        plugin_settings(pm, {"norec.configured.colour": "blue"})
