"""The file a person brings, opened safely: one file, a folder, or a zip looked into in place.

A zip is never extracted to disk: each member is streamed from the archive. Before anything is
read, the archive is checked for what a hostile or broken file could do: members whose names
climb out of the archive (``../``), a member or a total larger than the caps, a compression ratio
no real export has (a zip bomb), an archive that is not a zip at all or is empty. Apple's
``export.zip`` unpacks at about 28 times its size (``formats.md`` §1), so the ratio cap leaves a
wide margin for real files and none for a bomb.

Progress is counted in bytes read from the members, against the total size of the members the
parser will read, so a progress bar moves at the same rate for a zip and a folder.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO

from nightcramps.imports.extract import BadFile

MAX_MEMBER_BYTES = 8 * 1024**3
"""The largest single member read (8 GiB): real Apple exports reach 4 GB (``formats.md`` §1)."""

MAX_TOTAL_BYTES = 16 * 1024**3
"""The largest total of all members of one archive or folder."""

MAX_RATIO = 200
"""The largest compression ratio of a member (real exports: about 28×, memo 4.1)."""

RATIO_FROM_BYTES = 64 * 1024**2
"""The ratio is checked for members that unpack to more than this (64 MiB): a small file of
repeated lines compresses far better than an export, and is harmless."""

MAX_MEMBERS = 200_000
"""More files than this in one archive or folder is not an export."""

Progress = Callable[[int], None]
"""Called with the number of bytes just read (not a running total)."""


def _no_progress(_: int) -> None:
    return None


class _Counting(io.RawIOBase):
    """A raw reader that reports every read to ``progress`` (wrapped in a buffered reader)."""

    def __init__(self, raw: IO[bytes], progress: Progress) -> None:
        self._raw = raw
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        if count:
            self._progress(count)
        return count


@dataclass
class Bundle:
    """The members of what the person chose, by their path inside it (``/``-separated)."""

    path: Path
    sizes: dict[str, int] = field(default_factory=dict)
    progress: Progress = _no_progress
    _zip: zipfile.ZipFile | None = None

    @property
    def names(self) -> list[str]:
        """Every member, in archive order (a folder: sorted)."""
        return list(self.sizes)

    def basename(self, member: str) -> str:
        """The member's file name without its folders."""
        return PurePosixPath(member).name

    def find(self, predicate: Callable[[str], bool]) -> list[str]:
        """The members whose file name (lower-cased, folders dropped) passes ``predicate``."""
        return [m for m in self.sizes if predicate(self.basename(m).lower())]

    @contextmanager
    def open(self, member: str) -> Iterator[BinaryIO]:
        """Stream one member, counting progress; a zip member is read from the archive."""
        if member not in self.sizes:
            raise KeyError(member)
        raw: IO[bytes]
        if self._zip is not None:
            raw = self._zip.open(member)
        elif self.path.is_dir():
            raw = (self.path / member).open("rb")
        else:
            raw = self.path.open("rb")
        reader = io.BufferedReader(_Counting(raw, self.progress), buffer_size=1 << 20)
        try:
            yield reader
        except zipfile.BadZipFile as exc:
            raise BadFile(
                f"the archive is damaged ({exc}); export it again.", member=member
            ) from None
        finally:
            raw.close()

    def head(self, member: str, size: int = 65_536) -> bytes:
        """The first ``size`` bytes of a member (for detecting its kind), without progress."""
        progress, self.progress = self.progress, _no_progress
        try:
            with self.open(member) as stream:
                return stream.read(size)
        finally:
            self.progress = progress

    def total(self, members: list[str]) -> int:
        """The bytes a parser will read from ``members``."""
        return sum(self.sizes[m] for m in members)

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


def _check_name(name: str) -> None:
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        raise BadFile(
            f"the archive holds a file named '{name}', which points outside it; this is not an "
            "export from a health app, so nothing was read."
        )


def _open_zip(path: Path, name: str) -> Bundle:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise BadFile(
            f"{name} is not a readable zip archive (it may be damaged or incomplete); "
            "download or export it again."
        ) from None
    sizes: dict[str, int] = {}
    total = 0
    for info in archive.infolist():
        if info.is_dir():
            continue
        _check_name(info.filename)
        if info.file_size > MAX_MEMBER_BYTES:
            archive.close()
            raise BadFile(
                f"{info.filename} would unpack to {info.file_size:,} bytes, more than the "
                f"{MAX_MEMBER_BYTES // 1024**3} GiB one file may have; nothing was read."
            )
        if (
            info.file_size > RATIO_FROM_BYTES
            and info.compress_size
            and info.file_size / info.compress_size > MAX_RATIO
        ):
            archive.close()
            raise BadFile(
                f"{info.filename} is compressed {info.file_size // info.compress_size:,} times, "
                f"far more than any real export (at most {MAX_RATIO}×); it looks like a zip bomb, "
                "so nothing was read."
            )
        total += info.file_size
        sizes[info.filename] = info.file_size
        if len(sizes) > MAX_MEMBERS or total > MAX_TOTAL_BYTES:
            archive.close()
            raise BadFile(
                f"the archive unpacks to more than {MAX_TOTAL_BYTES // 1024**3} GiB or "
                f"{MAX_MEMBERS:,} files, more than any export; nothing was read."
            )
    if not sizes:
        archive.close()
        raise BadFile(f"{name} is an empty archive; export it again.")
    return Bundle(path=path, sizes=sizes, _zip=archive)


def _open_folder(path: Path) -> Bundle:
    sizes: dict[str, int] = {}
    root = path.resolve()
    for folder, dirs, files in os.walk(root):  # symbolic links to folders are not followed
        dirs.sort()
        for name in sorted(files):
            full = Path(folder) / name
            if full.is_symlink():
                continue
            sizes[full.relative_to(root).as_posix()] = full.stat().st_size
            if len(sizes) > MAX_MEMBERS:
                raise BadFile(
                    f"{path} holds more than {MAX_MEMBERS:,} files; choose the export's own folder."
                )
    if not sizes:
        raise BadFile(f"{path} is an empty folder; choose the folder the export unpacked to.")
    return Bundle(path=root, sizes=sizes)


ZIP_MAGIC = b"PK\x03\x04"


def open_bundle(path: Path, progress: Progress | None = None, name: str | None = None) -> Bundle:
    """Open what the person chose: a zip (looked into in place), a folder, or one file.

    ``name`` is the file's own name when ``path`` is where an upload was saved: a single file is
    known by it (``servings.csv``), as parsers recognise some files by their name.

    Raises:
        BadFile: the path does not exist, or the archive is damaged, empty or hostile.
    """
    if not path.exists():
        raise BadFile(f"there is no file or folder {path}; check the path.")
    if path.is_dir():
        bundle = _open_folder(path)
    else:
        with path.open("rb") as stream:
            looks_zipped = stream.read(len(ZIP_MAGIC)) == ZIP_MAGIC
        if looks_zipped or zipfile.is_zipfile(path):
            bundle = _open_zip(path, name or path.name)
        else:
            member = PurePosixPath(name or path.name).name or path.name
            bundle = Bundle(path=path, sizes={member: path.stat().st_size})
    if progress is not None:
        bundle.progress = progress
    return bundle
