"""What a build keeps in its cache folder between runs (page keys, the export's state, the kept files' keys): JSON
written whole into a temporary file beside it, then renamed into place, so a build killed midway leaves the last
whole version, never half of one."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def save_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(value, sort_keys=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as file:
        file.write(text)
    os.replace(file.name, path)


def beside(page_keys: Path, kind: str) -> Path:
    """Where a build keeps one kind of state (the export's, the kept files' keys, the search index's) in its cache
    folder: beside its page keys (generator.site.previous), so one per output folder, as they are."""
    return page_keys.with_name(f"{page_keys.stem}.{kind}.json")
