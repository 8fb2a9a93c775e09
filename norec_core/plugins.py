"""Finding, enabling and wiring plugins."""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType

import colander
import pluggy
from huey import crontab
from pyramid.config import Configurator

from norec_core import hookspecs
from norec_core.contributions import (
    ActionPurpose,
    ActivityKind,
    JobType,
    MailingList,
    NoticeKind,
    PersonFact,
    RecordFields,
    Role,
    ScheduledTask,
    SearchSource,
    Workflow,
)
from norec_core.db import Base

ENTRY_POINT_GROUP = "norec.plugins"
log = logging.getLogger(__name__)
# The core's own hook implementations, loaded by name as a plugin's module is loaded from
# its entry point: they sit above the web layer, and this module sits below it.
CORE_HOOKS = "norec_core.builtin"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class PluginError(Exception):
    """A plugin cannot be loaded or contradicts another; start-up stops with this message."""


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str
    version: str
    module: ModuleType | None = None


def installed_plugins() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in found and found[ep.name].value != ep.value:
            raise PluginError(
                f"two installed distributions declare the plugin {ep.name!r}: "
                f"{found[ep.name].value} and {ep.value}"
            )
        found[ep.name] = ep
    return found


def enabled_names(settings: dict, installed: dict[str, EntryPoint]) -> list[str]:
    """The plugins named by `norec.plugins`, in order; every installed one when unset."""
    raw = settings.get("norec.plugins")
    if raw is None:
        return sorted(installed)
    names = raw.replace(",", " ").split()
    for name in names:
        if name not in installed:
            raise PluginError(
                f"the setting norec.plugins names the plugin {name!r}, which is not "
                f"installed: is norec-{name.replace('_', '-')} installed? "
                f"(installed plugins: {', '.join(sorted(installed)) or 'none'})"
            )
    if len(set(names)) != len(names):
        raise PluginError(f"the setting norec.plugins names a plugin twice: {raw!r}")
    return names


def make_plugin_manager(
    settings: dict, installed: dict[str, EntryPoint] | None = None
) -> pluggy.PluginManager:
    """Register the core's hooks and those of the enabled plugins, and validate them all."""
    pm = pluggy.PluginManager("norec")
    pm.add_hookspecs(hookspecs)
    pm.register(importlib.import_module(CORE_HOOKS), name="core")
    if installed is None:
        installed = installed_plugins()
    infos = []
    for name in enabled_names(settings, installed):
        ep = installed[name]
        if not _NAME.match(name):
            raise PluginError(f"plugin name {name!r} must be lower case letters, digits and _")
        try:
            module = ep.load()
        except ImportError as exc:
            raise PluginError(f"plugin {name!r} ({ep.value}) failed to import: {exc}") from exc
        _refuse_undecorated(name, module)
        try:
            pm.register(module, name=name)
        except pluggy.PluginValidationError as exc:
            raise PluginError(f"plugin {name!r}: {exc}") from exc
        dist = ep.dist
        infos.append(
            PluginInfo(name, dist.name if dist else "", dist.version if dist else "", module)
        )
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"plugin {pm.get_name(exc.plugin)!r}: {exc}") from exc
    pm.norec_plugins = infos  # the enabled plugins, in setting order
    return pm


def _refuse_undecorated(name: str, module: ModuleType) -> None:
    # pluggy registers only functions marked with hookimpl and silently passes over the
    # rest, so a forgotten decorator would make a hook that never runs.
    for attribute, value in vars(module).items():
        if attribute.startswith("norec_") and callable(value) and not hasattr(value, "norec_impl"):
            raise PluginError(
                f"plugin {name!r}: the function {attribute!r} looks like a hook but is not "
                "decorated with @norec_core.hookimpl"
            )


def call_for(pm: pluggy.PluginManager, plugin_name: str, hook_name: str, **kwargs):
    """Call one hook of one plugin alone, for hooks whose answer belongs to that plugin."""
    others = [p for name, p in pm.list_name_plugin() if name != plugin_name]
    return pm.subset_hook_caller(hook_name, remove_plugins=others)(**kwargs)


def activity_kinds(pm: pluggy.PluginManager) -> dict[str, ActivityKind]:
    kinds: dict[str, ActivityKind] = {}
    for name, _plugin in pm.list_name_plugin():
        for kind in (k for result in call_for(pm, name, "norec_activity_kinds") for k in result):
            if kind.name in kinds:
                raise PluginError(f"plugin {name!r}: the activity kind {kind.name!r} is taken")
            kinds[kind.name] = kind
    return kinds


def roles(pm: pluggy.PluginManager) -> dict[str, Role]:
    merged: dict[str, Role] = {}
    for role in (r for result in pm.hook.norec_roles() for r in result):
        known = merged.get(role.name)
        if known is None:
            merged[role.name] = role
        elif (known.title, known.local) != (role.title, role.local):
            raise PluginError(
                f"the role {role.name!r} is declared twice with different titles or scopes: "
                f"{known.title!r} and {role.title!r}"
            )
        else:
            merged[role.name] = Role(
                role.name, role.title, known.permissions | role.permissions, role.local
            )
    return merged


def _by_name(results: Iterable[list], what: str) -> dict:
    """A hook's results (a list from each plugin) by their names, each name taken once."""
    found: dict = {}
    for item in (i for result in results for i in result):
        if item.name in found:
            raise PluginError(f"two plugins declare the {what} {item.name!r}")
        found[item.name] = item
    return found


def job_types(pm: pluggy.PluginManager) -> dict[str, JobType]:
    return _by_name(pm.hook.norec_jobs(), "job")


def workflows(pm: pluggy.PluginManager) -> dict[type, Workflow]:
    found: dict[type, Workflow] = {}
    for workflow in (w for result in pm.hook.norec_workflows() for w in result):
        if workflow.model in found:
            raise PluginError(f"two workflows for {workflow.model.__name__}: {workflow.name!r}")
        names = {s.name for s in workflow.states}
        for t in workflow.transitions:
            if t.target not in names or not set(t.sources) <= names:
                raise PluginError(
                    f"workflow {workflow.name!r}: transition {t.name!r} names an unknown state"
                )
        found[workflow.model] = workflow
    return found


def _check_model_names(mappers: list) -> None:
    # Every plugin's models share the core's registry, where relationship("Placement")
    # names a class by its name alone: two of one name make both plugins' relationships
    # ambiguous, and SQLAlchemy fails later, on whichever query comes first.
    by_name: dict[str, list[str]] = {}
    for mapper in mappers:
        cls = mapper.class_
        by_name.setdefault(cls.__name__, []).append(f"{cls.__module__}.{cls.__qualname__}")
    for name, paths in sorted(by_name.items()):
        if len(paths) > 1:
            raise PluginError(
                f"two models are named {name} ({', '.join(sorted(paths))}): the plugins share "
                "one registry of models, where a class is known by its name; give yours a "
                f"name of its own, such as one beginning with your plugin's ({'Shelf' + name})"
            )


def check_plugin_tables(pm: pluggy.PluginManager, mappers: Iterable | None = None) -> None:
    """Each plugin's tables carry its name as prefix, no two models share a class name,
    and a plugin with tables answers the personal-data events (or says at start-up that
    it does not)."""
    mappers = list(Base.registry.mappers if mappers is None else mappers)
    _check_model_names(mappers)
    for info in pm.norec_plugins:
        package = info.module.__name__.split(".")[0]
        tables = sorted(
            {m.local_table.name for m in mappers if m.class_.__module__.split(".")[0] == package}
        )
        wrong = [table for table in tables if not table.startswith(f"{info.name}_")]
        if wrong:
            raise PluginError(
                f"plugin {info.name!r}: the table(s) {', '.join(wrong)} must be named "
                f"{info.name}_…, so that no two plugins can claim one table"
            )
        hooks = {caller.name for caller in pm.get_hookcallers(info.module) or ()}
        if tables and not hooks & {"norec_person_export", "norec_person_erase"}:
            # A warning, not an error: a plugin's tables may hold no personal data at all.
            log.warning(
                "plugin %r has tables (%s) but implements neither norec_person_export nor "
                "norec_person_erase: a person's data export and erasure will not reach them",
                info.name,
                ", ".join(tables),
            )


def scheduled_tasks(pm: pluggy.PluginManager) -> list[ScheduledTask]:
    found = _by_name(pm.hook.norec_scheduled_tasks(), "scheduled task")
    for task in found.values():
        try:
            crontab(task.minute, task.hour, task.day, task.month, task.day_of_week)
        except ValueError as exc:
            message = f"the scheduled task {task.name!r} has a bad schedule: {exc}"
            raise PluginError(message) from exc
    return list(found.values())


def action_purposes(pm: pluggy.PluginManager) -> dict[str, ActionPurpose]:
    return _by_name(pm.hook.norec_action_purposes(), "action purpose")


def mailing_lists(pm: pluggy.PluginManager) -> dict[str, MailingList]:
    return _by_name(pm.hook.norec_mailing_lists(), "mailing list")


def person_facts(pm: pluggy.PluginManager) -> dict[str, PersonFact]:
    return _by_name(pm.hook.norec_person_facts(), "person fact")


def notice_kinds(pm: pluggy.PluginManager) -> dict[str, NoticeKind]:
    return _by_name(pm.hook.norec_notice_kinds(), "notice kind")


def search_sources(pm: pluggy.PluginManager) -> dict[str, SearchSource]:
    return _by_name(pm.hook.norec_search_sources(), "search source")


def record_fields(pm: pluggy.PluginManager) -> list[RecordFields]:
    found: dict[tuple[type, str], RecordFields] = {}
    for fields in (f for result in pm.hook.norec_record_fields() for f in result):
        key = (fields.applies_to, fields.name)
        if key in found:
            raise PluginError(f"two plugins add fields named {fields.name!r} to one record")
        found[key] = fields
    return list(found.values())


def plugin_settings(pm: pluggy.PluginManager, settings: dict) -> dict[str, dict]:
    """Validate each plugin's `norec.<plugin>.*` settings against the schema it declares."""
    validated = {}
    for info in pm.norec_plugins:
        prefix = f"norec.{info.name}."
        given = {k[len(prefix) :]: v for k, v in settings.items() if k.startswith(prefix)}
        schema = call_for(pm, info.name, "norec_settings_schema")
        schema = schema[0] if schema else colander.MappingSchema()
        schema.typ.unknown = "raise"
        try:
            validated[info.name] = schema.deserialize(given)
        except colander.Invalid as exc:
            problems = "; ".join(f"{prefix}{k}: {v}" for k, v in exc.asdict().items())
            raise PluginError(f"invalid settings for plugin {info.name!r}: {problems}") from exc
    return validated


def includeme(config: Configurator) -> None:
    settings = config.get_settings()
    pm = make_plugin_manager(settings)
    config.registry["norec.pm"] = pm
    config.registry["norec.activity_kinds"] = activity_kinds(pm)
    config.registry["norec.roles"] = roles(pm)
    config.registry["norec.job_types"] = job_types(pm)
    config.registry["norec.workflows"] = workflows(pm)
    config.registry["norec.record_fields"] = record_fields(pm)
    config.registry["norec.scheduled_tasks"] = scheduled_tasks(pm)
    config.registry["norec.person_facts"] = person_facts(pm)
    config.registry["norec.action_purposes"] = action_purposes(pm)
    config.registry["norec.mailing_lists"] = mailing_lists(pm)
    config.registry["norec.search_sources"] = search_sources(pm)
    config.registry["norec.notice_kinds"] = notice_kinds(pm)
    check_plugin_tables(pm)
    for name, values in plugin_settings(pm, settings).items():
        settings[f"norec.{name}"] = values


def include_enabled(config: Configurator) -> None:
    """Let each enabled plugin configure Pyramid under its own route prefix."""
    pm = config.registry["norec.pm"]
    for info in pm.norec_plugins:

        def configure(config, name=info.name):
            call_for(pm, name, "norec_configure", config=config)

        # Pyramid includes a callable once per module:name, so each needs its own name.
        configure.__name__ = f"configure_{info.name}"
        config.include(configure, route_prefix=f"/{info.name}")
