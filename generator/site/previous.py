"""The published site a build replaces, and the keys of its pages (generator.render.keys), kept in the build cache.

A page whose key is unchanged is hard-linked from the previous site instead of rendered. The keys are trusted only
for the very folder they were saved with: the store names the published folder's device and inode, which a swap
moves with the folder, so keys of a site that was replaced, or never swapped in, are never used.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.stored import save_json

Keys = dict[str, dict[str, str]]  # language -> page path -> key


@dataclass(frozen=True)
class PreviousSite:
    path: Path
    keys: Keys = field(default_factory=dict)  # empty: no page is known unchanged, each is compared after rendering


def _identity(folder: Path) -> list[int]:
    stat = os.stat(folder)
    return [stat.st_dev, stat.st_ino]


def store_of(cache: Path, out: Path) -> Path:
    """Where the keys of the site at out are kept in a cache folder (one file per output folder)."""
    return cache / f"page-keys-{hashlib.blake2b(str(out).encode(), digest_size=8).hexdigest()}.json"


def previous_site(out: Path, store: Path | None) -> PreviousSite | None:
    """The site at out, with its pages' keys if the store holds this very folder's."""
    if not out.is_dir():
        return None
    try:
        saved = json.loads(store.read_text(encoding="utf-8")) if store is not None else None
    except (OSError, ValueError):
        saved = None
    if not isinstance(saved, dict) or saved.get("site") != _identity(out) or not isinstance(saved.get("pages"), dict):
        return PreviousSite(out)
    return PreviousSite(out, saved["pages"])


def save_keys(store: Path, out: Path, keys: Keys) -> None:
    """Keep the keys of the site now at out."""
    save_json(store, {"site": _identity(out), "pages": keys})
