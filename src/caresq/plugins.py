"""Finding and registering plugins: the built-in common facts, entry points, explicit objects.

The plugin manager is built by :func:`make_manager` for each engine; there is no module-level
global, so two engines with different plugins can live side by side (tests do this). Entry
points are found by :mod:`caresq._metadata`, without importing ``importlib.metadata``.
"""

from __future__ import annotations

import types
from collections.abc import Iterable

import pluggy
from attrs import frozen

from caresq import common, hookspecs
from caresq._metadata import (
    ENTRY_POINT_GROUP,
    entry_points,
    metadata_entry_points,
    read_entry_points,
)
from caresq.errors import PLUGIN_FAULTS, PluginError


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


def entry_point_name(plugin: object, group: str = ENTRY_POINT_GROUP) -> str | None:
    """The entry-point name ``plugin`` is installed under (what ``caresq plugins`` shows).

    Found without importing anything: a module matches the entry point that names it. None
    when it is not installed as an entry point (a plugin object built in a test, say).
    """
    if not isinstance(plugin, types.ModuleType):
        return None
    found = read_entry_points(group)
    if found is None:
        found = metadata_entry_points(group)
    for entry_point in found:
        if entry_point.value.replace(" ", "") == plugin.__name__:
            return entry_point.name
    return None


def load_entry_points(
    group: str = ENTRY_POINT_GROUP,
) -> tuple[list[LoadedPlugin], list[PluginInfo]]:
    """Import every plugin of ``group``; one that fails to import is reported, not fatal.

    The plugins caresq itself ships come first, then the others by name: when two plugins
    clash, the one loaded later is the one left out (see :meth:`caresq.Engine.default`).
    """
    loaded: list[LoadedPlugin] = []
    failed: list[PluginInfo] = []
    for entry_point in entry_points(group):
        version = entry_point.version()
        try:
            plugin = entry_point.load()
        # A broken third-party plugin must not stop the others, nor the command: a module
        # that calls sys.exit() or argparse at import raises SystemExit, which is no
        # Exception. KeyboardInterrupt (and caresq's own Interrupted) still interrupt.
        except PLUGIN_FAULTS as error:
            failed.append(PluginInfo(entry_point.name, version, (), _import_failure(error)))
        else:
            loaded.append(LoadedPlugin(entry_point.name, plugin, version))
    return loaded, failed


def _import_failure(error: Exception | SystemExit) -> str:
    """What ``caresq plugins`` says of a plugin whose import raised ``error``."""
    if isinstance(error, SystemExit):  # its message would be only the exit code
        return f"raised SystemExit({error.code!r}) while importing"
    return f"{type(error).__name__}: {error}"


def register(manager: pluggy.PluginManager, plugins: Iterable[LoadedPlugin]) -> None:
    """Register ``plugins`` and fail on hooks that match no specification (a misspelt name)."""
    for loaded in plugins:
        if manager.is_registered(loaded.plugin) or manager.has_plugin(loaded.name):
            raise ValueError(f"plugin {loaded.name!r} is registered twice")
        try:
            manager.register(loaded.plugin, name=loaded.name)
        except pluggy.PluginValidationError as error:  # a hook with the wrong arguments
            raise PluginError(f"plugin {loaded.name!r}: {error}", plugin=loaded.name) from error
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:  # a misspelt hook name
        name = manager.get_name(error.plugin) or plugin_name(error.plugin)
        said = str(error).partition(" in plugin <")[0]  # the object's repr says nothing more
        raise PluginError(f"plugin {name!r}: {said}", plugin=name) from error


def describe(manager: pluggy.PluginManager, versions: dict[str, str | None]) -> list[PluginInfo]:
    """The registered plugins with the hooks each implements."""
    infos = []
    for name, plugin in manager.list_name_plugin():
        hooks = tuple(sorted(caller.name for caller in manager.get_hookcallers(plugin) or ()))
        infos.append(PluginInfo(name, versions.get(name), hooks))
    return infos
