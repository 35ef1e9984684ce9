"""The policy texts plugins ship with them, and whether a quoted sentence stands in one.

A :class:`~caresq.Policy` may name its ``source``: ``"package:path"``, a UTF-8 text file inside
an importable package (package data, shipped in the wheel). caresq quotes sentences with their
whitespace folded and typographic dashes and quotes written plainly ("Fysiotherapie -
voorwaarden", "zzp'ers"); :func:`normalise` puts a source text in that same form, and
:func:`missing_parts` says which parts of a quote do not stand in it. A quote may leave words out
with ``[...]``; each part around it must stand in the text on its own.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Final

from caresq.model import Policy

_PLAIN: Final = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'",
                               "\u201c": '"', "\u201d": '"'})
_ELLIPSIS: Final = re.compile(r"\s*\[\.\.\.\]\s*")


class SourceError(LookupError):
    """A policy names a source that cannot be read."""


def normalise(text: str) -> str:
    """Fold whitespace and write typographic dashes and quotes plainly."""
    return " ".join(text.translate(_PLAIN).split())


def read_source(reference: str) -> str:
    """The text of a ``"package:path"`` resource, as stored (not normalised)."""
    package, colon, path = reference.partition(":")
    if not (package and colon and path):
        raise SourceError(f"source {reference!r} is not 'package:path/to/text.txt'")
    try:
        return resources.files(package).joinpath(path).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, IsADirectoryError, UnicodeDecodeError,
            NotADirectoryError) as error:
        raise SourceError(f"source {reference!r} cannot be read: {error}") from None


@cache
def _normalised(reference: str) -> str:
    return normalise(read_source(reference))


def source_text(policy: Policy) -> str | None:
    """The normalised text of ``policy``'s declared source; None when it declares none."""
    return None if policy.source is None else _normalised(policy.source)


def missing_parts(quote: str, text: str) -> list[str]:
    """The parts of ``quote`` (split at ``[...]``) that do not stand in the normalised ``text``.

    A line break the PDF put inside an address ("zorginkoop@ caresq.nl") is no real space, so a
    part also stands when it does with every space removed.
    """
    squeezed = text.replace(" ", "")
    return [part for part in _ELLIPSIS.split(normalise(quote))
            if part and part not in text and part.replace(" ", "") not in squeezed]
