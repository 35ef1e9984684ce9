"""Finding and registering plugins: the built-in common facts, entry points, explicit objects.

The plugin manager is built by :func:`make_manager` for each engine; there is no module-level
global, so two engines with different plugins can live side by side (tests do this).

Entry points are read from the installed distributions' ``entry_points.txt`` directly, as
``importlib.metadata`` would find them; importing ``importlib.metadata`` (email, zipfile, csv,
pathlib...) would cost a third of ``import caresq``. Where the reader meets anything but plain
``.dist-info``/``.egg-info`` directories on ``sys.path`` (a zip or egg, a custom finder), it
leaves the work to ``importlib.metadata``.
"""

from __future__ import annotations

import os
import re
import sys
import types
from collections.abc import Callable, Iterable
from functools import cache, partial
from typing import Any

import pluggy
from attrs import frozen

from caresq import common, hookspecs
from caresq.errors import PluginError

#: The entry-point group third-party care types register under (see docs/writing-a-plugin.md).
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


def entry_point_name(plugin: object, group: str = ENTRY_POINT_GROUP) -> str | None:
    """The entry-point name ``plugin`` is installed under (what ``caresq plugins`` shows).

    Found without importing anything: a module matches the entry point that names it. None
    when it is not installed as an entry point (a plugin object built in a test, say).
    """
    if not isinstance(plugin, types.ModuleType):
        return None
    found = _read_entry_points(group)
    if found is None:
        found = _metadata_entry_points(group)
    for entry_point in found:
        if entry_point.value.replace(" ", "") == plugin.__name__:
            return entry_point.name
    return None


@cache  # asked per line by batch decision records
def caresq_version() -> str:
    """The installed version of caresq itself ("unknown" when run from a bare source tree).

    Read from the distribution's metadata as ``importlib.metadata.version`` reads it, without
    importing that (see the module's docstring); anything unusual is left to it.
    """
    distributions = _distributions()
    if distributions is not None:
        info = distributions.get(_OWN_DISTRIBUTION)
        return "unknown" if info is None else _version(info) or "unknown"
    from importlib import metadata

    try:
        return metadata.version("caresq")
    except metadata.PackageNotFoundError:
        return "unknown"


def installed_versions() -> list[PluginInfo]:
    """Every plugin of the entry-point group with its version, imported but not registered.

    What ``caresq --version`` shows: nothing is declared or checked, so a plugin whose
    declarations are wrong still shows, and one that fails to import shows its error.
    """
    loaded, failed = load_entry_points()
    return [*(PluginInfo(p.name, p.version, ()) for p in loaded), *failed]


def load_entry_points(
    group: str = ENTRY_POINT_GROUP,
) -> tuple[list[LoadedPlugin], list[PluginInfo]]:
    """Import every plugin of ``group``; one that fails to import is reported, not fatal.

    The plugins caresq itself ships come first, then the others by name: when two plugins
    clash, the one loaded later is the one left out (see :meth:`caresq.Engine.default`).
    """
    disabled = {name.strip() for name in os.environ.get(DISABLE_VARIABLE, "").split(",")}
    loaded: list[LoadedPlugin] = []
    failed: list[PluginInfo] = []
    found = _read_entry_points(group)
    if found is None:
        found = _metadata_entry_points(group)
    for entry_point in sorted(found, key=lambda ep: (ep.distribution != _OWN_DISTRIBUTION,
                                                     ep.name)):
        if entry_point.name in disabled:
            continue
        version = entry_point.version()
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


# -- reading entry points -----------------------------------------------------------------------


@frozen
class _EntryPoint:
    """An entry point found: its name, how to load it, and its distribution's version."""

    name: str
    load: Callable[[], object]
    version: Callable[[], str | None]
    #: The distribution's name, normalised (``_normalize``).
    distribution: str = ""
    #: The object reference, e.g. "caresq_voorbeeld" or "my_plugin:Plugin".
    value: str = ""


#: The distribution caresq is installed as: its own plugins win a clash.
_OWN_DISTRIBUTION = "caresq"


def _metadata_entry_points(group: str) -> list[_EntryPoint]:
    """The entry points of ``group`` as ``importlib.metadata`` finds them (the slow, sure way)."""
    from importlib import metadata

    return [_EntryPoint(ep.name, ep.load, partial(_dist_version, ep),
                        _normalize(ep.dist.name) if ep.dist else "", ep.value)
            for ep in metadata.entry_points(group=group)]


def _dist_version(entry_point: Any) -> str | None:
    return entry_point.dist.version if entry_point.dist else None


_INFO_SUFFIXES = (".dist-info", ".egg-info")
_OBJECT_REFERENCE = re.compile(
    r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


def _normalize(name: str) -> str:
    # importlib.metadata's Prepared.normalize: the key distributions are told apart by.
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _read_entry_points(group: str) -> list[_EntryPoint] | None:
    """The entry points of ``group``, found as ``importlib.metadata.entry_points`` finds them.

    Each distinct distribution counts once, the first on ``sys.path`` winning. None when the
    search meets what only ``importlib.metadata`` handles: another finder that knows
    distributions, a zip or egg on ``sys.path``, or metadata this reader cannot follow.
    """
    distributions = _distributions()
    if distributions is None:
        return None
    found: list[_EntryPoint] = []
    for name, info in distributions.items():
        entry_points = _group_of(info, group, name)
        if entry_points is None:
            return None
        found.extend(entry_points)
    return found


def _distributions() -> dict[str, str] | None:
    """The metadata directory of each installed distribution by normalised name, in the order
    ``importlib.metadata`` finds them (the first on ``sys.path`` wins); None when the search
    meets what only ``importlib.metadata`` handles (another finder, a zip or an egg)."""
    from importlib.machinery import PathFinder

    if any(finder is not PathFinder and hasattr(finder, "find_distributions")
           for finder in sys.meta_path):
        return None
    found: dict[str, str] = {}
    for entry in sys.path:
        root = entry or "."
        try:
            children = os.listdir(root)
        except OSError:
            if os.path.exists(root):
                return None  # a zip file or something stranger
            continue
        if os.path.basename(root).lower().endswith(".egg"):
            return None
        by_name: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith(_INFO_SUFFIXES):
                by_name.setdefault(_normalize(low.rpartition(".")[0].partition("-")[0]),
                                   []).append(os.path.join(root, child))
        for infos in by_name.values():
            for info in infos:
                name = _normalize(os.path.splitext(os.path.basename(info))[0].partition("-")[0])
                found.setdefault(name, info)
    return found


def _group_of(info: str, group: str, distribution: str) -> list[_EntryPoint] | None:
    """The entry points of ``group`` in one distribution's ``entry_points.txt``."""
    text = _read_text(info, "entry_points.txt")
    if text is None:
        return []
    found = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section == group:
            name, equals, value = line.partition("=")
            reference = _OBJECT_REFERENCE.match(value.strip())
            if not equals or reference is None:
                return None
            found.append(_EntryPoint(name.strip(), _loader(reference), partial(_version, info),
                                     distribution, value.strip()))
    return found


def _loader(reference: re.Match[str]) -> Callable[[], object]:
    def load() -> object:
        from importlib import import_module

        target: object = import_module(reference["module"])
        for attribute in filter(None, (reference["attr"] or "").split(".")):
            target = getattr(target, attribute)
        return target

    return load


def _version(info: str) -> str | None:
    """The ``Version`` header of a distribution's metadata (METADATA, else PKG-INFO)."""
    text = _read_text(info, "METADATA") or _read_text(info, "PKG-INFO")
    for line in (text or "").splitlines():
        if not line.strip():
            break  # the headers end at the first blank line
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() == "version":
            return value.strip()
    from importlib import metadata  # anything unusual: ask importlib.metadata
    from pathlib import Path

    return metadata.PathDistribution(Path(info)).version


def _read_text(info: str, name: str) -> str | None:
    try:
        with open(os.path.join(info, name), encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None
