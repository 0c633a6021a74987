"""The downloads' files as the manifest lists them: each written a chunk at a time and hashed on the way."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MANIFEST = "downloads.json"
Entry = dict[str, Any]  # one file of the manifest (see downloads.write_downloads)


def entry(
    relative: str, fmt: str, resource: str | None, scheme: str | None, rows: int | None, size: int, sha256: str
) -> Entry:
    return {
        "path": relative,
        "format": fmt,
        "resource": resource,
        "scheme": scheme,
        "rows": rows,
        "bytes": size,
        "sha256": sha256,
    }


class Hashed:
    """A new file written a chunk at a time, hashed on the way."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.file = path.open("wb")
        self.digest, self.size = hashlib.sha256(), 0

    def put(self, data: bytes) -> int:
        """Write data; return where in the file it starts."""
        at = self.size
        self.digest.update(data)
        self.size += len(data)
        self.file.write(data)
        return at

    def close(self) -> tuple[int, str]:
        """Its bytes and sha256 (hex)."""
        self.file.close()
        return self.size, self.digest.hexdigest()


def write(out_dir: Path, relative: str, chunks: Iterable[str]) -> tuple[int, str]:
    """Write text as UTF-8 a chunk at a time, hashing on the way; return its bytes and sha256 (hex)."""
    file = Hashed(out_dir / relative)
    try:
        for chunk in chunks:
            file.put(chunk.encode("utf-8"))
    finally:
        size_and_digest = file.close()
    return size_and_digest


def written(out_dir: Path, relative: str, fmt: str, rows: int) -> Entry:
    """The entry of a file written whole by a library."""
    with (out_dir / relative).open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    return entry(relative, fmt, None, None, rows, (out_dir / relative).stat().st_size, digest)
