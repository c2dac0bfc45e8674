"""A share link and the views of it. Only the SHA-256 digest of a link's token is stored; the
token itself is shown once, when the link is made."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nightcramps.storage.base import Base, UTCDateTime
from nightcramps.storage.owned import OwnedRow


class ShareLink(OwnedRow, Base):
    """A link that lets whoever holds it read the person's report (and diary) until it expires
    or is revoked."""

    __tablename__ = "share_link"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 (hex) of the token in the link; the token itself is never stored."""
    label: Mapped[str] = mapped_column(String(80), default="")
    """Who it is for, for the person's list ("Dr Patel"); never shown to the viewer."""
    scope: Mapped[str] = mapped_column(String(10))
    """'report' (the clinician report) or 'diary' (the report and a read-only diary)."""
    days: Mapped[int]
    """How long it works: 7 or 30 days from when it was made."""
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    views: Mapped[list[ShareView]] = relationship(
        back_populates="link",
        order_by="ShareView.viewed_at",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class ShareView(OwnedRow, Base):
    """One page served through a link: when, and which page (never who: a link has no viewer
    account, and no address or browser is kept)."""

    __tablename__ = "share_view"

    link_id: Mapped[int] = mapped_column(
        ForeignKey("share_link.id", ondelete="CASCADE"), index=True
    )
    viewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    path: Mapped[str] = mapped_column(String(40))
    """The page under the link, without its token: '/', '/diary?month=2026-11', '/report.pdf'."""
    link: Mapped[ShareLink] = relationship(back_populates="views")
