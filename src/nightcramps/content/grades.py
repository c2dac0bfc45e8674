"""The evidence grades: the one five-step scale every claim of the product is graded on.

The knowledge base (``guidance``), the medicine classes (``daylog``) and the notes shown with
intake (``nutrition``) all grade on it; their ``Grade`` or ``EvidenceGrade`` is this one.
"""

from __future__ import annotations

from typing import Literal

Grade = Literal["strong", "moderate", "weak", "none", "contradicted"]
"""How well the evidence supports a claim, strongest first."""

GRADES: dict[Grade, str] = {
    "strong": "A systematic review or meta-analysis of randomised trials, or high-certainty "
    "evidence, supports it.",
    "moderate": "At least one adequately sized, well-run randomised trial, or consistent "
    "moderate-certainty evidence, supports it.",
    "weak": "Only small or low-quality trials, observational associations or expert opinion "
    "support it.",
    "none": "Nothing was found that supports it.",
    "contradicted": "Good-quality evidence finds no effect, or trials of similar quality disagree.",
}
"""What each grade means (the key of the project's evidence review, evidence.md)."""
