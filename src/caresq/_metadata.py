"""Installed distributions and their entry points, read without importing what they name.

What ``caresq --version`` needs (caresq's version and every plugin's) and where
:mod:`caresq.plugins` finds the plugins to load. Entry points are read from the installed
distributions' ``entry_points.txt`` directly, as ``importlib.metadata`` would find them;
importing ``importlib.metadata`` (email, zipfile, csv, pathlib...) would cost a third of
``import caresq``. Where the reader meets anything but plain ``.dist-info``/``.egg-info``
directories on ``sys.path`` (a zip or egg, a custom finder), it leaves the work to
``importlib.metadata``. This module imports neither attrs nor pluggy: ``caresq --version``
loads it and little else.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from functools import cache, partial
from typing import Any, NamedTuple

#: The entry-point group third-party care types register under (see docs/writing-a-plugin.md).
ENTRY_POINT_GROUP = "caresq.plugins"
#: Comma-separated entry-point names that :meth:`Engine.default` leaves out.
DISABLE_VARIABLE = "CARESQ_DISABLE_PLUGINS"
#: The distribution caresq is installed as: its own plugins win a clash.
OWN_DISTRIBUTION = "caresq"


class EntryPoint(NamedTuple):
    """An entry point found: its name, how to load it, and its distribution's version."""

    name: str
    load: Callable[[], object]
    version: Callable[[], str | None]
    #: The distribution's name, normalised (``_normalize``).
    distribution: str = ""
    #: The object reference, e.g. "caresq_voorbeeld" or "my_plugin:Plugin".
    value: str = ""


def entry_points(group: str = ENTRY_POINT_GROUP) -> list[EntryPoint]:
    """The entry points of ``group`` in the order plugins load: caresq's own first, then the
    others by name (when two clash, the one loaded later is left out), without those named in
    ``CARESQ_DISABLE_PLUGINS``."""
    disabled = {name.strip() for name in os.environ.get(DISABLE_VARIABLE, "").split(",")}
    found = read_entry_points(group)
    if found is None:
        found = metadata_entry_points(group)
    return [entry_point
            for entry_point in sorted(found, key=lambda ep: (ep.distribution != OWN_DISTRIBUTION,
                                                             ep.name))
            if entry_point.name not in disabled]


def installed_versions(group: str = ENTRY_POINT_GROUP) -> list[tuple[str, str | None]]:
    """Each plugin's entry-point name and its distribution's version, in load order, from the
    metadata alone: nothing is imported (``caresq plugins`` is what reports one that fails to
    import)."""
    return [(entry_point.name, entry_point.version()) for entry_point in entry_points(group)]


@cache  # asked per line by batch decision records
def caresq_version() -> str:
    """The installed version of caresq itself ("unknown" when run from a bare source tree).

    Read from the distribution's metadata as ``importlib.metadata.version`` reads it, without
    importing that (see the module's docstring); anything unusual is left to it.
    """
    found = distributions()
    if found is not None:
        info = found.get(OWN_DISTRIBUTION)
        return "unknown" if info is None else _version(info) or "unknown"
    from importlib import metadata

    try:
        return metadata.version("caresq")
    except metadata.PackageNotFoundError:
        return "unknown"


def metadata_entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` as ``importlib.metadata`` finds them (the slow, sure way)."""
    from importlib import metadata

    return [EntryPoint(ep.name, ep.load, partial(_dist_version, ep),
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


def read_entry_points(group: str) -> list[EntryPoint] | None:
    """The entry points of ``group``, found as ``importlib.metadata.entry_points`` finds them.

    Each distinct distribution counts once, the first on ``sys.path`` winning. None when the
    search meets what only ``importlib.metadata`` handles: another finder that knows
    distributions, a zip or egg on ``sys.path``, or metadata this reader cannot follow.
    """
    found_distributions = distributions()
    if found_distributions is None:
        return None
    found: list[EntryPoint] = []
    for name, info in found_distributions.items():
        entry_points = _group_of(info, group, name)
        if entry_points is None:
            return None
        found.extend(entry_points)
    return found


def distributions() -> dict[str, str] | None:
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


def _group_of(info: str, group: str, distribution: str) -> list[EntryPoint] | None:
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
            found.append(EntryPoint(name.strip(), _loader(reference), partial(_version, info),
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
