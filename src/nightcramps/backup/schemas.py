"""What the backup's API takes and answers."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from nightcramps.backup.service import CONFIRMATION


class BackupCounts(BaseModel):
    """What a restore or a deletion did: rows per kind (a kind is a file of the backup,
    ``json/<kind>.json``), and their total."""

    model_config = ConfigDict(frozen=True)

    counts: dict[str, int] = Field(examples=[{"night": 90, "cramp": 81}])
    total: int
    kept: dict[str, int] = Field(
        default_factory=dict,
        description="A merge's rows the diary already had, left as they are (rows per kind).",
    )


class DeleteConfirmation(BaseModel):
    """What the person typed to confirm that everything goes."""

    model_config = ConfigDict(extra="forbid")

    confirm: Annotated[
        str,
        Field(
            max_length=100,
            description=f'Must be "{CONFIRMATION}" (case and spacing do not matter).',
        ),
    ]
