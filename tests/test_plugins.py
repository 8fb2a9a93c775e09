"""The plugin contract: discovery, enabling, validation of hooks and of what plugins declare."""

import types
from importlib.metadata import EntryPoint

import colander
import pytest
from sqlalchemy import Integer

from norec_core import hookimpl
from norec_core.contributions import ActivityKind, Role, ScheduledTask
from norec_core.plugins import (
    PluginError,
    activity_kinds,
    check_plugin_tables,
    enabled_names,
    installed_plugins,
    make_plugin_manager,
    plugin_settings,
    roles,
    scheduled_tasks,
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


@pytest.mark.bundle
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


def test_a_hook_without_the_decorator_is_rejected():
    forgotten = types.ModuleType("forgotten")
    forgotten.norec_navigation = lambda request: []
    with pytest.raises(PluginError, match="'norec_navigation' looks like a hook but is not"):
        make_plugin_manager({}, {"forgotten": _Installed(forgotten)})


def test_a_hook_asking_for_an_unknown_argument_is_rejected():
    wrong = _plugin("wrong", norec_navigation=lambda request, user: [])
    with pytest.raises(PluginError, match="plugin 'wrong'"):
        make_plugin_manager({}, {"wrong": _Installed(wrong)})


def test_two_plugins_claiming_one_activity_kind_is_an_error():
    kind = lambda: [ActivityKind("meeting", "Meeting")]  # noqa: E731 (the core's own name)
    pm = make_plugin_manager({}, {"dup": _Installed(_plugin("dup", norec_activity_kinds=kind))})
    with pytest.raises(PluginError, match="activity kind 'meeting' is taken"):
        activity_kinds(pm)


def test_scheduled_tasks_need_unique_names_and_a_valid_schedule():
    def manager(*tasks):
        hook = lambda: list(tasks)  # noqa: E731
        return make_plugin_manager({}, {"t": _Installed(_plugin("t", norec_scheduled_tasks=hook))})

    nightly = ScheduledTask("t.nightly", print, minute="0", hour="2")
    assert nightly in scheduled_tasks(manager(nightly))
    with pytest.raises(PluginError, match="two plugins declare the scheduled task 't.nightly'"):
        scheduled_tasks(manager(nightly, nightly))
    with pytest.raises(PluginError, match="'t.bad' has a bad schedule: 61 is not a valid"):
        scheduled_tasks(manager(ScheduledTask("t.bad", print, minute="61")))


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


def _plugin_with_table(plugin_name, table, model_name="Thing", **hooks):
    from sqlalchemy.orm import DeclarativeBase, mapped_column

    module = _plugin(f"norec_{plugin_name}.hooks", **hooks)

    class Private(DeclarativeBase):  # not the platform's metadata: nothing to migrate
        pass

    model = type(
        model_name,
        (Private,),
        {
            "__tablename__": table,
            "__module__": f"norec_{plugin_name}.models",
            "id": mapped_column(Integer, primary_key=True),
        },
    )
    pm = make_plugin_manager({}, {plugin_name: _Installed(module)})
    return pm, [model.__mapper__]


def test_a_plugin_table_without_the_plugin_prefix_stops_start_up():
    pm, mappers = _plugin_with_table("shelf", "books")
    with pytest.raises(PluginError, match="'shelf': the table.*books must be named shelf_"):
        check_plugin_tables(pm, mappers)


def test_two_plugins_with_a_model_of_one_name_stop_start_up():
    """The stranger's Placement beside the multilateral plugin's: each plugin alone starts,
    the two together are refused at start-up with both classes named."""
    shelf_pm, shelf = _plugin_with_table("shelf", "shelf_placement", model_name="Placement")
    check_plugin_tables(shelf_pm, shelf)  # alone: fine
    both = make_plugin_manager(
        {},
        {
            "shelf": _Installed(_plugin("norec_shelf.hooks")),
            "hosts": _Installed(_plugin("norec_hosts.hooks")),
        },
    )
    _pm, hosts = _plugin_with_table("hosts", "hosts_placement", model_name="Placement")
    with pytest.raises(PluginError, match=r"two models are named Placement \(norec_hosts"):
        check_plugin_tables(both, shelf + hosts)


def test_a_plugin_with_tables_but_no_personal_data_hooks_is_named_at_start_up(caplog):
    pm, mappers = _plugin_with_table("shelf", "shelf_book")
    check_plugin_tables(pm, mappers)
    assert "plugin 'shelf' has tables (shelf_book) but implements neither" in caplog.text
    caplog.clear()
    erase = lambda dbsession, person: None  # noqa: E731
    pm, mappers = _plugin_with_table("shelf", "shelf_book", norec_person_erase=erase)
    check_plugin_tables(pm, mappers)
    assert caplog.text == ""
