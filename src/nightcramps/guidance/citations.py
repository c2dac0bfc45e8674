"""The sources guidance cites: the product's one registry, ``nightcramps.content.citations``.

The sources used to be written out here; they are data now, in ``content/citations.toml``, shared
by every feature. This module only re-exports the registry for code that still imports it from
here (``nutrition.guidance`` and ``nutrition.cautions``); new code imports
``nightcramps.content.citations``.
"""

from __future__ import annotations

from nightcramps.content.citations import (
    ACCESSED_YEAR,
    CITATIONS,
    Citation,
    CitationKind,
    cite,
)

__all__ = ["ACCESSED_YEAR", "CITATIONS", "Citation", "CitationKind", "cite"]
