"""A build's workspace: its temporary folder beside the output, from which its result is swapped in, with mkdocs
building the hand-written pages and the shells into it. Started first: it needs no data."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.site.mkdocs import start_builds, stop_builds
from generator.site.sources import remove_leftovers


@dataclass
class Workspace:
    """A build's temporary folder beside the output (its result is swapped in from it), with mkdocs building the
    hand-written pages and the shells into it (generator.site.mkdocs)."""

    folder: Path
    mkdocs: dict[str, subprocess.Popen[bytes]]

    def stop(self) -> None:
        """mkdocs ended, if the build failed before it waited for it."""
        stop_builds(self.mkdocs)

    def discard(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_workspace(out: Path, site_url: str | None) -> Workspace:
    """A killed build's leftovers removed (in the background), then the build's folder made and mkdocs started in
    it: it needs no data, so a build starts it first, on the core its loading leaves idle."""
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    return Workspace(folder, start_builds(folder, site_url))
