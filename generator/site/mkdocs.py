"""mkdocs-material builds the hand-written pages and one "shell" page per section and depth.

The generated pages are stamped into the built shell of their depth later (relative links in a built page depend
only on its depth), so mkdocs never sees the hundreds of thousands of generated pages.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from generator import routes
from generator.render import i18n
from generator.render.writer import SHELL_FOLDER
from generator.site import BuildError

PROJECT = Path(__file__).resolve().parents[2]
CONFIGS = {"nb": PROJECT / "mkdocs.yml", "en": PROJECT / "site" / "mkdocs.en.yml"}
DOCS = PROJECT / "site" / "docs"
ASSETS = PROJECT / "site" / "assets"
OVERRIDES = PROJECT / "site" / "overrides"
SECTIONS = ("schemes", "buyers", "suppliers", "awards", "downloads", "indicators", "claims", "changes")
MAX_DEPTH = 4  # schemes/<id>/awards/<year>/ is the deepest generated page

SHELL_PAGE = """---
title: "@@TITLE@@"
description: "@@DESCRIPTION@@"
hide:
  - toc
---
<div class="dps-page">@@CONTENT@@</div>
"""


def shell_paths() -> list[str]:
    """Every shell a generated page may need: the home page, each section's index and its deeper shells."""
    paths = [""]
    for section in SECTIONS:
        paths.append(f"{section}/")
        paths += [section + f"/{SHELL_FOLDER}" * d + "/" for d in range(1, MAX_DEPTH)]
    return paths


def write_docs(lang: str, docs: Path) -> None:
    """The docs folder mkdocs builds: hand-written pages, our assets and the shells."""
    shutil.copytree(DOCS / lang, docs)
    shutil.copytree(ASSETS, docs / "assets" / "dps")
    for path in shell_paths():
        target = docs / path / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        # the home page's navigation label is "Home"; its heading is the page's own title
        shell = SHELL_PAGE.replace("<div", "<h1>@@TITLE@@</h1>\n<div") if path == "" else SHELL_PAGE
        target.write_text(shell, encoding="utf-8")


def write_config(lang: str, work: Path, site_url: str | None) -> Path:
    config: dict[str, Any] = {
        "INHERIT": str(CONFIGS[lang]),
        "docs_dir": str(work / f"docs-{lang}"),
        "site_dir": str(work / f"site-{lang}"),
        "theme": {"name": "material", "custom_dir": str(OVERRIDES)},
    }
    root_url = site_url_of(site_url)
    config["site_url"] = root_url + routes.LANGUAGE_ROOTS[lang]
    config["extra"] = {"dps": {"root_url": root_url}}
    path = work / f"mkdocs-{lang}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=True), encoding="utf-8")
    return path


def start_mkdocs(config: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "--config-file", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def start_builds(work: Path, site_url: str | None) -> dict[str, subprocess.Popen[bytes]]:
    """mkdocs building each language's hand-written pages and shells into work, in the background: they need no
    data, so a build starts them first, on a core its loading leaves idle."""
    builds: dict[str, subprocess.Popen[bytes]] = {}
    for lang in i18n.LANGUAGES:
        write_docs(lang, work / f"docs-{lang}")
        builds[lang] = start_mkdocs(write_config(lang, work, site_url))
    return builds


def stop_builds(builds: dict[str, subprocess.Popen[bytes]]) -> None:
    """End the builds not waited for (a build that failed before it waited for them)."""
    for process in builds.values():
        if process.returncode is None:  # wait_mkdocs sets it
            process.kill()  # nothing if it has ended
            process.communicate()


def wait_mkdocs(process: subprocess.Popen[bytes], lang: str) -> None:
    output, _ = process.communicate()
    if process.returncode != 0:
        raise BuildError(f"mkdocs build ({lang}) failed:\n{output.decode('utf-8', 'replace')}")


def site_url_of(site_url: str | None) -> str:
    """The public address of the Norwegian site root, ending in a slash."""
    url = site_url or yaml.safe_load(CONFIGS["nb"].read_text(encoding="utf-8"))["site_url"]
    return url.rstrip("/") + "/"


def hand_written_pages(lang: str) -> list[str]:
    """The paths of one language's hand-written pages below its root ("about/"), as mkdocs publishes them."""
    pages = []
    for source in sorted((DOCS / lang).rglob("*.md")):
        relative = source.relative_to(DOCS / lang).with_suffix("")
        folder = relative.parent if relative.name == "index" else relative
        pages.append("" if folder == Path(".") else folder.as_posix() + "/")
    return pages
