"""The development server: the built site on http://127.0.0.1:PORT/, rebuilt when its sources change.

`serve` serves whatever folder stands at the site's path (a rebuild swaps a new one in) and polls
the watched folders once a second; it prints nothing, the caller's `rebuild` says what happened.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def _snapshot(folders: Iterable[Path]) -> dict[str, float]:
    """Every file under the folders with its modification time: a change to any of them changes this."""
    return {
        str(path): path.stat().st_mtime
        for folder in folders
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file()
    }


def _handler(root: Path) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:  # serve whatever folder is at root now (rebuilds swap it)
            self.directory = str(root)
            return super().translate_path(path)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def serve(
    site: Path,
    port: int,
    watched: list[Path],
    rebuild: Callable[[], object],
    on_ready: Callable[[str], None] = lambda url: None,
) -> None:
    """Serve `site` on 127.0.0.1:port until Ctrl+C, calling `rebuild()` after any change under `watched`.

    `on_ready` gets the server's address once it listens.
    """
    root = site.resolve()
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_handler(root), directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    on_ready(f"http://127.0.0.1:{port}/")
    seen = _snapshot(watched)
    try:
        while True:
            time.sleep(1)
            now = _snapshot(watched)
            if now != seen:
                seen = now
                rebuild()
    except KeyboardInterrupt:
        server.shutdown()
