"""Finding and registering plugins: the built-in common facts, entry points, explicit objects.

The plugin manager is built by :func:`make_manager` for each engine; there is no module-level
global, so two engines with different plugins can live side by side (tests do this).
"""

from __future__ import annotations

import os
import types
from collections.abc import Iterable
from importlib import metadata

import pluggy
from attrs import frozen

from caresq import common, hookspecs

#: The entry-point group third-party care types register under (SPEC §2).
ENTRY_POINT_GROUP = "caresq.plugins"
#: Comma-separated entry-point names that :meth:`Engine.default` leaves out.
DISABLE_VARIABLE = "CARESQ_DISABLE_PLUGINS"

@frozen
class PluginInfo:
    """What ``caresq plugins`` shows of one plugin."""

    name: str
    #: Distribution version, or ``None`` for plugins that were not installed (tests, scripts).
    version: str | None
    #: The hooks it implements, sorted.
    hooks: tuple[str, ...]
    #: Why it could not be loaded; ``None`` when it loaded.
    error: str | None = None


@frozen
class LoadedPlugin:
    """A plugin object and the name and version it is registered under."""

    name: str
    plugin: object
    version: str | None = None


def make_manager() -> pluggy.PluginManager:
    """A fresh manager that knows the hook specifications and the common facts."""
    manager = pluggy.PluginManager("caresq")
    manager.add_hookspecs(hookspecs)
    manager.register(common, name="caresq.common")
    return manager


def plugin_name(plugin: object) -> str:
    """The name a plugin object is registered under when none is given."""
    if isinstance(plugin, types.ModuleType):
        return plugin.__name__
    return str(getattr(plugin, "name", None) or type(plugin).__qualname__)


def load_entry_points(
    group: str = ENTRY_POINT_GROUP,
) -> tuple[list[LoadedPlugin], list[PluginInfo]]:
    """Import every plugin of ``group``; one that fails to import is reported, not fatal."""
    disabled = {name.strip() for name in os.environ.get(DISABLE_VARIABLE, "").split(",")}
    loaded: list[LoadedPlugin] = []
    failed: list[PluginInfo] = []
    for entry_point in sorted(metadata.entry_points(group=group), key=lambda ep: ep.name):
        if entry_point.name in disabled:
            continue
        version = entry_point.dist.version if entry_point.dist else None
        try:
            plugin = entry_point.load()
        except Exception as error:  # a broken third-party plugin must not stop the others
            failed.append(PluginInfo(entry_point.name, version, (),
                                     f"{type(error).__name__}: {error}"))
        else:
            loaded.append(LoadedPlugin(entry_point.name, plugin, version))
    return loaded, failed


def register(manager: pluggy.PluginManager, plugins: Iterable[LoadedPlugin]) -> None:
    """Register ``plugins`` and fail on hooks that match no specification (a misspelt name)."""
    for loaded in plugins:
        if manager.is_registered(loaded.plugin) or manager.has_plugin(loaded.name):
            raise ValueError(f"plugin {loaded.name!r} is registered twice")
        manager.register(loaded.plugin, name=loaded.name)
    manager.check_pending()


def describe(manager: pluggy.PluginManager, versions: dict[str, str | None]) -> list[PluginInfo]:
    """The registered plugins with the hooks each implements."""
    infos = []
    for name, plugin in manager.list_name_plugin():
        hooks = tuple(sorted(caller.name for caller in manager.get_hookcallers(plugin) or ()))
        infos.append(PluginInfo(name, versions.get(name), hooks))
    return infos
