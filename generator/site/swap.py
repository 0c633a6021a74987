"""Put a finished folder in place of the published one, so readers and killed runs never see half of either."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux renameat2(RENAME_EXCHANGE); False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result: int = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(built: Path, out: Path) -> None:
    """Put built at out. An existing out is exchanged atomically (built then holds the old site, removed later),
    so a reader or a killed run never sees a half-written or missing folder."""
    if out.exists() and _exchange(built, out):
        return
    if out.exists():  # no atomic exchange here: two renames, the old site kept until the new one is in place
        out.rename(built.with_name(built.name + "-old"))
    built.rename(out)
