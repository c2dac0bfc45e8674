"""What the share links' API and CLI take and answer."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from nightcramps.inputs import Input, read_only

Scope = Literal["report", "diary"]
Days = Literal[7, 30]
Status = Literal["active", "expired", "revoked"]

SCOPE_HELP = (
    "'report': the clinician report (and its PDF); 'diary': the report and a read-only diary."
)
LABEL_MAX = 80


class ShareLinkCreate(Input):
    """A new link: what it shows, how long it works, and who it is for.

    The other fields of a link (as GET returns it) are accepted and ignored, so a GET body can
    be sent back to make a link like it.
    """

    scope: Scope = Field(default="report", description=SCOPE_HELP)
    days: Days = Field(default=7, description="How long the link works: 7 or 30 days.")
    label: str = Field(
        default="",
        max_length=LABEL_MAX,
        description="Who it is for, to recognise it by in your list (the viewer never sees it).",
    )
    status: Status | None = read_only("active, expired or revoked.")
    created_at: datetime | None = read_only("when the link was made.")
    expires_at: datetime | None = read_only("when it stops working (days after it was made).")
    revoked_at: datetime | None = read_only("when it was revoked; null if it was not.")
    view_count: int | None = read_only("how many pages were served through it.")
    last_viewed_at: datetime | None = read_only("the last view; null if never viewed.")
    views: list[dict[str, object]] | None = read_only("every page served through it.")


class ShareViewPublic(BaseModel):
    """One page served through a link."""

    model_config = ConfigDict(from_attributes=True)

    viewed_at: datetime
    path: str = Field(
        description="The page under the link, without its token: '/' (the report), "
        "'/report.pdf', '/diary?month=YYYY-MM'."
    )


class ShareLinkPublic(BaseModel):
    """A link as listed: never its token (only a digest of it is stored)."""

    id: int
    label: str
    scope: Scope = Field(description=SCOPE_HELP)
    days: Days
    status: Status = Field(
        description="active (it works), expired (past expires_at) or revoked; an expired or "
        "revoked link answers 404 to whoever opens it."
    )
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    view_count: int
    last_viewed_at: datetime | None
    views: list[ShareViewPublic] = Field(description="Every page served through it, oldest first.")


class ShareLinkCreated(ShareLinkPublic):
    """The new link, with its address: shown this once (it is not stored and cannot be shown
    again; revoke the link and make a new one if it is lost)."""

    url: str = Field(description="The whole address to give, e.g. https://host/s/TOKEN.")
    path: str = Field(description="The address without the host: /s/TOKEN.")


class ShareLinksPublic(BaseModel):
    """Your share links, newest first (expired and revoked ones too)."""

    data: list[ShareLinkPublic]
    count: int
