"""A rebuild renders only the pages whose key changed, and still equals a fresh build.

The fast tests state the keys' promise on rendered pages: for each kind of edit to a record, every page whose key
did not change has exactly the body it had. The slow test builds a site, edits a record, rebuilds with the keys
and compares the result byte for byte with a fresh build of the edited data.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.authoring.history import FileHistory
from generator.build import build_plan, page_inputs
from generator.check import validate_then
from generator.export.downloads import write_downloads
from generator.indicators import model_and_indicators
from generator.problems import has_errors
from generator.render.keys import PageSlices, page_keys
from generator.render.pages import Inputs, render_pages
from generator.site import search_index
from generator.site.search_index import CHUNKS, FRAGMENTS

FIXTURE = Path(__file__).parent / "fixtures" / "valid"

Edit = Callable[[Path], None]


def replace(file: str, old: str, new: str) -> Edit:
    def edit(data: Path) -> None:
        path = data / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def remove(file: str) -> Edit:
    return lambda data: (data / file).unlink()


FJORDTOLK = "suppliers/NO-BRC-312345692.yaml"
SVENSK = "suppliers/SE-BLV-5561234567.yaml"
TOLK = "schemes/tolk-fjordvik.yaml"
TOLK_AWARD = "awards/tolk-fjordvik/2024-001.yaml"
RENHOLD_AWARD = "awards/renhold-nordhei/2024-001.yaml"
RENHOLD = "schemes/renhold-nordhei.yaml"
BRATTLI = "suppliers/NO-BRC-312345706.yaml"

EDITS: dict[str, Edit] = {
    "supplier name": replace(FJORDTOLK, '"Fjordtolk AS"', '"Fjordtolk Norge AS"'),
    "supplier size": replace(FJORDTOLK, "size: small", "size: medium"),
    "supplier municipality": replace(FJORDTOLK, "municipality: 0301", "municipality: 4601"),
    "admission left": replace(FJORDTOLK, "admitted: 2023-02-08", "admitted: 2023-02-08\n    left: 2026-01-31"),
    "admission date": replace(SVENSK, "admitted: 2023-02-10", "admitted: 2023-02-14"),
    "scheme title": replace(TOLK, "for tolketjenester", "for tolking"),
    "scheme buyer name": replace(TOLK, '"Fjordvik kommune"', '"Fjordvik kommune (tolk)"'),
    "scheme end": replace(TOLK, "valid_to: 2027-02-14", "valid_to: 2024-12-31"),
    "category title": replace(TOLK, '"Muntlig tolking"', '"Muntlig tolking og skjermtolking"'),
    "award value": replace(TOLK_AWARD, "amount: 850000.50", "amount: 900000"),
    "award title": replace(TOLK_AWARD, "helsestasjonene", "legekontorene"),
    "award tenders": replace(TOLK_AWARD, "tenders: 2\nsme_tenders: 1", "tenders: 1\nsme_tenders: 1"),
    "award of another buyer": replace(RENHOLD_AWARD, '"Vestvik kommune"', '"Vestvik kommune, renhold"'),
    "award removed": remove(TOLK_AWARD),
    # renhold-nordhei joins tolk-fjordvik's CPV division: tolk-fjordvik's page compares it with one scheme more
    "comparable scheme's division": replace(RENHOLD, '"90910000-9"', '"79540000-1"'),
}


def rendered(
    data: Path, out: Path, history: dict[str, FileHistory] | None = None
) -> dict[tuple[str, str], tuple[str | None, str]]:
    """(language, page path) -> (key, body) of every generated page of the checked records in data, with these
    record files' histories (the copies here are in no repository) and links to it on a forge."""
    _, problems, computed = validate_then(data, model_and_indicators, workers=1)
    assert computed is not None and not has_errors(problems), [p.message for p in problems if p.is_error]
    model, indicators = computed
    inputs: Inputs = page_inputs(model, indicators, problems, "https://forge.example/dps", {})
    inputs.history = HISTORY | (history or {})
    out.mkdir(exist_ok=True)
    inputs.downloads = write_downloads(model.dataset, out, indicators.rows)
    pages: dict[tuple[str, str], tuple[str | None, str]] = {}
    for lang in ("nb", "en"):
        slicer = PageSlices(inputs)
        keys = page_keys(inputs, lang, {page.path: slicer.of(page) for page in inputs.pages}, lambda path: "shell")
        for page in render_pages(inputs, lang):
            pages[lang, page.path] = (keys[page.path], page.title + page.description + page.body)
    return pages


def seen(added: str, changed: str) -> FileHistory:
    return FileHistory(date.fromisoformat(added), date.fromisoformat(changed), "a" * 40, "b" * 40)


HISTORY = {
    "schemes/tolk-fjordvik.yaml": seen("2023-01-02", "2024-01-01"),
    "suppliers/NO-BRC-312345692.yaml": seen("2023-01-02", "2024-01-01"),
    "awards/tolk-fjordvik/2024-001.yaml": seen("2024-03-04", "2024-04-02"),
}
CHANGED_FILES = {
    "scheme file": "schemes/tolk-fjordvik.yaml",
    "supplier file": "suppliers/NO-BRC-312345692.yaml",
    "award file": "awards/tolk-fjordvik/2024-001.yaml",
}


@pytest.mark.parametrize("name", list(CHANGED_FILES))
def test_a_page_whose_key_is_unchanged_is_unchanged_after_a_commit(name: str, tmp_path: Path, before) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    after = rendered(data, tmp_path / "downloads", {CHANGED_FILES[name]: seen("2023-01-02", "2025-06-01")})
    assert_keys_hold(name, before, after)


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[str | None, str]]:
    folder = tmp_path_factory.mktemp("before")
    shutil.copytree(FIXTURE, folder / "data")  # where the edited copies are, too: not in a repository
    return rendered(folder / "data", folder / "downloads")


@pytest.mark.parametrize("name", list(EDITS))
def test_a_page_whose_key_is_unchanged_is_unchanged(name: str, tmp_path: Path, before) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    EDITS[name](data)
    after = rendered(data, tmp_path / "downloads")
    assert_keys_hold(name, before, after)


def assert_keys_hold(name: str, before, after) -> None:
    stale = [
        page
        for page, (key, body) in after.items()
        if key is not None and before.get(page, (None, ""))[0] == key and before[page][1] != body
    ]
    assert stale == [], f"{name}: pages whose key stayed the same but whose body changed"
    changed = [page for page, (key, body) in after.items() if page not in before or before[page][1] != body]
    assert changed, f"{name}: the edit changed no page, so it tests nothing"
    kept = [page for page, (key, _) in after.items() if key is not None and before.get(page, (None, ""))[0] == key]
    assert kept, f"{name}: every page's key changed, so the keys were not tested"


def test_a_change_to_a_comparable_schemes_figures_renders_the_scheme_page_again(tmp_path: Path) -> None:
    """tolk-fjordvik's page shows how many comparable schemes (same CPV division) have each of its main figures:
    when renhold-nordhei is one of them and its admission becomes known only as "no later than" a day in the last
    12 months, its count of admissions in them is unknown, and tolk-fjordvik's page says one scheme fewer has it."""
    base = tmp_path / "base"
    shutil.copytree(FIXTURE, base)
    EDITS["comparable scheme's division"](base)
    before = rendered(base, tmp_path / "downloads-before")
    data = tmp_path / "data"
    shutil.copytree(base, data)
    replace(
        BRATTLI,
        "requested: 2023-06-01\n    admitted: 2023-06-07",
        'admitted_by: 2024-06-07\n    source: "00123456-2024"',
    )(data)
    after = rendered(data, tmp_path / "downloads-after")
    assert_keys_hold("comparable scheme's figures", before, after)
    page = ("en", "schemes/tolk-fjordvik/")
    assert before[page][0] != after[page][0]
    assert "(other running schemes in CPV division 79): 1;" in before[page][1]
    assert "(other running schemes in CPV division 79): 0;" in after[page][1]


def test_keys_leave_most_pages_alone_when_one_record_changes(tmp_path: Path, before) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    EDITS["supplier municipality"](data)
    after = rendered(data, tmp_path / "downloads")
    renders = {page for page, (key, _) in after.items() if key is None or before[page][0] != key}
    assert {path for _, path in renders} >= {"suppliers/NO-BRC-312345692/"}
    assert ("nb", "suppliers/SE-BLV-5561234567/") not in renders
    assert ("nb", "schemes/renhold-nordhei/") not in renders


@pytest.mark.slow
@pytest.mark.parametrize("name", ["supplier name", "award removed", "scheme end"])
def test_a_rebuild_after_an_edit_equals_a_fresh_build(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    cache, out, fresh = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh"
    first = build_plan(data, out, cache=cache, workers=2)
    assert first.timings is not None
    EDITS[name](data)
    started, runs = [], []
    real_start, real_run = search_index.start, search_index.start_index
    monkeypatch.setattr(search_index, "start", lambda *given: started.append(real_start(*given)) or started[-1])
    monkeypatch.setattr(search_index, "start_index", lambda *given: runs.append(given) or real_run(*given))
    again = build_plan(data, out, cache=cache, workers=2)
    assert again.timings is not None and 0 < again.timings.rendered < again.timings.pages
    # Pagefind ran once, from the previous index's fragments: the check found no linked file out of place
    assert len(runs) == 1 and started[0].linked is not None and started[0].linked.fragments
    monkeypatch.undo()
    assert build_plan(data, fresh, workers=2).timings is not None
    assert files_of(out) == files_of(fresh)


def files_of(site: Path) -> dict[str, bytes]:
    """Every file of the site but Pagefind's filters and meta file: their names are hashes of contents that vary
    between runs (upstream: Pagefind#638). Its fragments and word-index chunks do not, and a rebuild makes them
    from the previous site's (generator.site.search_index)."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and ("pagefind" not in p.parts or p.parent.name in (FRAGMENTS, CHUNKS))
    }


@pytest.mark.slow
def test_the_first_rebuild_after_a_fresh_build_renders_no_more_than_the_next(tmp_path: Path) -> None:
    """The first rebuild takes the unchanged downloads from the previous export's manifest (its fields sorted);
    a scheme page's key must not see that as a change (it did: every scheme page of a national site was rendered)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build_plan(data, out, cache=cache, workers=2).timings is not None
    rendered = []
    for edit in (replace(TOLK_AWARD, "helsestasjonene", "legekontorene"), replace(TOLK_AWARD, "legekontorene", "x")):
        edit(data)
        again = build_plan(data, out, cache=cache, workers=2)
        assert again.timings is not None
        rendered.append(again.timings.rendered)
    assert rendered[0] == rendered[1]
