"""Golden files: the valid fixture's downloads, one feed and five page bodies, byte for byte.

Any change to what the site publishes shows here as a readable diff, so a refactor that should change nothing
can prove it, and a change that should change something shows what it changed.

When a change is intended, write the new golden files and review their diff before committing them:

    .venv/bin/python -m tests.test_golden
"""

from __future__ import annotations

import difflib
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import made_once

FIXTURE = Path(__file__).parent / "fixtures" / "valid"
GOLDEN = Path(__file__).parent / "golden"
DOWNLOADS = [
    *(f"downloads/{name}.csv" for name in ("schemes", "categories", "suppliers", "admissions", "awards")),
    "downloads/award_suppliers.csv",
    "downloads/indicators.csv",
    "downloads/datapackage.json",
    "downloads/json/awards.json",
    "feeds/awards.xml",
]
PAGES = [  # the generated body of each page type a record has, in both languages between them
    "index.html",
    "schemes/tolk-fjordvik/index.html",
    "schemes/tolk-fjordvik/awards/2024/index.html",
    "en/suppliers/NO-BRC-312345692/index.html",
    "en/buyers/NO-BRC-312345676/index.html",
]
_BODY = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)


def built_site(out: Path) -> Path:
    """The valid fixture built from a copy under `out` (the site does not depend on where the data lies)."""
    data = out / "data"
    shutil.copytree(FIXTURE, data)
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out / "site"), "--no-cache"])
    assert result.exit_code == 0, result.output
    return out / "site"


def golden_name(page: str) -> str:
    """schemes/x/index.html -> schemes/x.body.html; the home page -> home.body.html."""
    return (page.removesuffix("index.html").rstrip("/") or "home") + ".body.html"


NAMES = [*DOWNLOADS, *map(golden_name, PAGES)]


def published(site: Path) -> dict[str, bytes]:
    """Each golden file's name and the bytes the site holds for it: a download whole, a page's generated body."""
    found = {relative: (site / relative).read_bytes() for relative in DOWNLOADS}
    for page in PAGES:
        body = _BODY.search((site / page).read_text(encoding="utf-8"))
        assert body is not None, f"{page} has no article body"
        found[golden_name(page)] = body.group(1).encode("utf-8")
    return found


@pytest.fixture(scope="module")
def site_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return published(made_once(tmp_path_factory, "golden", built_site) / "site")


@pytest.mark.parametrize("name", NAMES)
def test_the_site_publishes_the_golden_file(site_files: dict[str, bytes], name: str) -> None:
    golden = GOLDEN / name
    assert golden.is_file(), f"no tests/golden/{name}: run .venv/bin/python -m tests.test_golden"
    built, expected = site_files[name], golden.read_bytes()
    if built != expected:
        diff = difflib.unified_diff(
            expected.decode().splitlines(), built.decode().splitlines(), f"golden/{name}", "built", lineterm="", n=2
        )
        pytest.fail("\n".join([*list(diff)[:80], "", "intended? run: .venv/bin/python -m tests.test_golden"]))


def write_golden() -> None:
    """Build the fixture and write every golden file anew."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in published(built_site(Path(tmp))).items():
            path = GOLDEN / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    write_golden()
    sys.exit(0)
