"""Content shown to people, kept as data files: the loader, the evidence grades and the sources.

Not a feature: every feature may import it (guidance and daylog both cite from
``content.citations``). The files themselves live beside the feature that shows them
(``guidance/entries/*.md``, ``guidance/checkup.toml``, ``daylog/medicines.toml``) or here when
shared (``citations.toml``).
"""

from __future__ import annotations

from nightcramps.content.loader import (
    ContentError,
    Problem,
    Prose,
    error_at,
    load_markdown,
    load_markdown_entries,
    load_toml,
)

__all__ = [
    "ContentError",
    "Problem",
    "Prose",
    "error_at",
    "load_markdown",
    "load_markdown_entries",
    "load_toml",
]
