"""NightCramps: a private night diary and evidence-graded guide for night leg cramps."""

from __future__ import annotations

__all__ = ["__version__"]
__version__ = "0.1.0"
