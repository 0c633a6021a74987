"""An export that takes what is unchanged from the previous one (generator.export.reuse) equals a fresh export of
the same data byte for byte, and takes most of it when little changed."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from random import Random
from typing import Any

import pytest

import generator.export.parts
import generator.export.sqlite
import generator.export.xlsx
import generator.ocds.package
from generator.build import build_plan
from generator.check import validate_then
from generator.export.downloads import Written, write_downloads
from generator.export.reuse import Previous, previous_export, save_state
from generator.export.segments import rows_in
from generator.export.tables import BLOCK, ExportError, blocks
from generator.indicators import model_and_indicators
from generator.ocds import OcdsSettings
from generator.problems import has_errors
from generator.synth import synthesize, write_dataset
from generator.synth.draw import NO_WEIGHTS, mod11_id

Edit = Callable[[Path], None]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("tiny") / "data"
    write_dataset(synthesize("tiny", 2), data)
    return data


@pytest.fixture(autouse=True)
def small_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    # a few rows a segment, so that the tiny dataset has many of them in each resource
    monkeypatch.setattr("generator.export.segments.SEGMENT", 3)


def export(data: Path, out: Path, previous: Previous | None = None, ocds: OcdsSettings | None = None) -> Written:
    _, problems, computed = validate_then(data, model_and_indicators, workers=1)
    assert computed is not None and not has_errors(problems), [p.message for p in problems if p.is_error]
    dataset = computed[0].dataset
    out.mkdir(parents=True)
    return write_downloads(dataset, out, computed[1].rows, ocds or OcdsSettings(), previous)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def first_award(data: Path) -> Path:
    return sorted((data / "awards").rglob("*.yaml"))[0]


def award_title(data: Path) -> None:
    award = first_award(data)
    award.write_text(re.sub(r'^title: "', 'title: "Endret: ', award.read_text(), count=1, flags=re.M))


def award_value(data: Path) -> None:
    award = first_award(data)
    text, changed = re.subn(r"^  amount: (\d+)", r"  amount: \g<1>1", award.read_text(), count=1, flags=re.M)
    assert changed
    award.write_text(text)


def award_removed(data: Path) -> None:
    first_award(data).unlink()


def supplier_added(data: Path) -> None:
    """A new supplier, admitted as the first supplier file's is (a row in the middle of several resources)."""
    model = sorted((data / "suppliers").glob("NO-*.yaml"))[0]
    taken = {p.stem.removeprefix("NO-BRC-") for p in (data / "suppliers").glob("*.yaml")}
    number = mod11_id(Random(5), "3", NO_WEIGHTS, taken)
    text = re.sub(r'^id: ".*"', f'id: "NO-BRC-{number}"', model.read_text(), count=1, flags=re.M)
    (data / "suppliers" / f"NO-BRC-{number}.yaml").write_text(re.sub(r'^name: ".*"', 'name: "Ny AS"', text, flags=re.M))


def scheme_removed(data: Path) -> None:
    """The second scheme, its awards and its admissions (a supplier admitted to nothing else goes too)."""
    scheme = sorted((data / "schemes").glob("*.yaml"))[1]
    scheme.unlink()
    shutil.rmtree(data / "awards" / scheme.stem)
    for supplier in (data / "suppliers").glob("*.yaml"):
        head, _, admissions = supplier.read_text().partition("admissions:\n")
        kept = [a for a in re.split(r"(?m)^(?=  - )", admissions) if a and f"scheme: {scheme.stem}\n" not in a]
        if admissions and not kept:
            supplier.unlink()
        elif admissions:
            supplier.write_text(head + "admissions:\n" + "".join(kept))


def award_added(data: Path) -> None:
    """A copy of the first award under a new id after the others of its scheme (rows in several resources)."""
    award = first_award(data)
    number = 1 + max(int(p.stem.rpartition("-")[2]) for p in award.parent.glob("*.yaml"))
    new_id = f"{award.stem.rpartition('-')[0]}-{number:03}"
    text = re.sub(r'^id: ".*"', f'id: "{new_id}"', award.read_text(), count=1, flags=re.M)
    (award.parent / f"{new_id}.yaml").write_text(text)


def scheme_title(data: Path) -> None:
    """The second scheme's title (in its own rows, its awards' OCDS releases and its cut's datapackage.json)."""
    scheme = sorted((data / "schemes").glob("*.yaml"))[1]
    text, changed = re.subn(r'^title: "', 'title: "Endret: ', scheme.read_text(), count=1, flags=re.M)
    assert changed
    scheme.write_text(text)


def supplier_renamed(data: Path) -> None:
    """The first supplier's name (one row of suppliers, the OCDS parties of every scheme it is admitted to)."""
    supplier = sorted((data / "suppliers").glob("*.yaml"))[0]
    text, changed = re.subn(r'^name: "', 'name: "Omdøpt ', supplier.read_text(), count=1, flags=re.M)
    assert changed
    supplier.write_text(text)


EDITS: dict[str, Edit] = {
    "award title": award_title,
    "award value": award_value,
    "award added": award_added,
    "award removed": award_removed,
    "scheme title": scheme_title,
    "supplier added": supplier_added,
    "supplier renamed": supplier_renamed,
    "scheme removed": scheme_removed,
}


class Made:
    """Counts what an export makes rather than takes: JSON and Excel segments, releases, whole databases."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.counts: Counter[str] = Counter()
        for name, module, function in (
            ("json", generator.export.parts, "json_rows"),
            ("xlsx", generator.export.xlsx, "_rows_xml"),
            ("release", generator.ocds.package, "calloff_release"),
            ("database", generator.export.sqlite, "_create"),
        ):
            monkeypatch.setattr(module, function, self._counted(name, getattr(module, function)))

    def _counted(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.counts[name] += 1
            return function(*args, **kwargs)

        return counted


def exported_twice(tiny: Path, tmp_path: Path, edit: Edit, ocds: OcdsSettings | None = None) -> tuple[Path, Path]:
    """An export of the data, then of the edited data taking from the first: (the first, the second)."""
    data = tmp_path / "data"
    shutil.copytree(tiny, data)
    first, store = tmp_path / "first", tmp_path / "cache" / "state.json"
    save_state(store, first, export(data, first).states)
    edit(data)
    export(data, tmp_path / "again", previous_export(first, store), ocds)
    return first, tmp_path / "again"


@pytest.mark.parametrize("name", list(EDITS))
def test_an_export_taking_from_the_previous_equals_a_fresh_export(name: str, tiny: Path, tmp_path: Path) -> None:
    _, again = exported_twice(tiny, tmp_path, EDITS[name])
    export(tmp_path / "data", tmp_path / "fresh")
    fresh, taken = files_of(tmp_path / "fresh"), files_of(again)
    assert sorted(taken) == sorted(fresh)
    assert [path for path in fresh if taken[path] != fresh[path]] == []


def test_exports_each_taking_from_the_one_before_equal_fresh_exports(tiny: Path, tmp_path: Path) -> None:
    """Edit after edit, each export taking from the previous one (itself taken in part from the one before)."""
    data, store = tmp_path / "data", tmp_path / "cache" / "state.json"
    shutil.copytree(tiny, data)
    before = tmp_path / "export-0"
    save_state(store, before, export(data, before).states)
    for number, edit in enumerate(
        (award_title, supplier_renamed, award_added, scheme_title, award_removed, award_title), 1
    ):
        edit(data)
        again = tmp_path / f"export-{number}"
        save_state(store, again, export(data, again, previous_export(before, store)).states)
        export(data, tmp_path / f"fresh-{number}")
        assert files_of(again) == files_of(tmp_path / f"fresh-{number}"), edit.__name__
        before = again


def test_a_changed_value_a_format_cannot_hold_is_refused_after_a_previous_export(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows the previous export held are not checked again: a changed one is, and nothing is written."""
    first, store = tmp_path / "first", tmp_path / "state.json"
    save_state(store, first, export(tiny, first).states)
    _, _, computed = validate_then(tiny, model_and_indicators, workers=1)
    assert computed is not None
    dataset = computed[0].dataset
    for resource, column, value, message in (
        ("awards", "value_amount", Decimal("1234567890123.456"), "more than 15 significant digits"),
        ("suppliers", "name", "Linje\r\nskift AS", "cannot be written to Excel"),
    ):
        row = dataset.tables[resource][-1]
        monkeypatch.setitem(row.values, column, value)
        out = tmp_path / resource
        out.mkdir()
        with pytest.raises(ExportError, match=message):
            write_downloads(dataset, out, computed[1].rows, OcdsSettings(), previous_export(first, store))
        assert list(out.iterdir()) == []
        monkeypatch.undo()


def test_one_changed_award_remakes_only_its_segments_and_its_schemes_files(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = Made(monkeypatch)
    export(tiny, tmp_path / "fresh")
    fresh = dict(made.counts)
    made.counts.clear()
    first, again = exported_twice(tiny, tmp_path, award_title)
    taken = made.counts - Counter(fresh)  # what the second export made (the first made what a fresh one makes)
    assert fresh["database"] == 1 and taken["database"] == 0  # the second database is the first's, updated
    # the award's segment of the awards (split in two at most: its text decides where segments end); its title is
    # in no other resource
    assert 0 < taken["json"] <= 2 < fresh["json"] // 2
    assert 0 < taken["xlsx"] <= 2 < fresh["xlsx"] // 2
    changed = first_award(tmp_path / "data").parent.name
    assert taken["release"] == len(list((tmp_path / "data" / "awards" / changed).glob("*.yaml")))
    assert taken["release"] < fresh["release"] // 2
    for scheme in (again / "schemes").iterdir():
        inode = (scheme / "ocds-releases.json").stat().st_ino
        linked = inode == (first / "schemes" / scheme.name / "ocds-releases.json").stat().st_ino
        assert linked == (scheme.name != changed), scheme.name  # hard-linked from the previous export


def test_a_previous_export_of_other_settings_gives_no_ocds_files(tiny: Path, tmp_path: Path) -> None:
    other = OcdsSettings(prefix="ocds-abc123")
    _, again = exported_twice(tiny, tmp_path, award_title, other)
    export(tmp_path / "data", tmp_path / "fresh", ocds=other)
    assert files_of(again) == files_of(tmp_path / "fresh")


def test_a_state_is_trusted_only_for_the_export_it_was_kept_for(tiny: Path, tmp_path: Path) -> None:
    first, store = tmp_path / "first", tmp_path / "state.json"
    save_state(store, first, export(tiny, first).states)
    assert previous_export(first, store) is not None
    other = tmp_path / "other"
    shutil.copytree(first, other)
    assert previous_export(other, store) is not None  # the same files elsewhere: the same export
    manifest = other / "downloads.json"
    manifest.write_text(manifest.read_text().replace('"rows": ', '"rows":  ', 1))
    assert previous_export(other, store) is None
    store.write_text("{not json")
    assert previous_export(first, store) is None


def test_a_scheme_whose_earlier_ocds_file_is_gone_gets_its_releases_made(tiny: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(tiny, data)
    first, store = tmp_path / "first", tmp_path / "state.json"
    save_state(store, first, export(data, first).states)
    award_title(data)
    untouched = sorted((first / "schemes").iterdir())[-1]
    assert untouched.name != first_award(data).parent.name
    (untouched / "ocds-releases.json").unlink()
    again = tmp_path / "again"
    export(data, again, previous_export(first, store))
    export(data, tmp_path / "fresh")
    assert files_of(again) == files_of(tmp_path / "fresh")


def test_a_broken_state_makes_the_export_whole(tiny: Path, tmp_path: Path) -> None:
    first, store = tmp_path / "first", tmp_path / "state.json"
    written = export(tiny, first)
    states = written.states | {"tables": written.states["tables"] | {"xlsx": {"awards": [["x"]]}}}
    save_state(store, first, states)
    again = tmp_path / "again"
    export(tiny, again, previous_export(first, store))
    assert files_of(again) == files_of(first)


@pytest.mark.slow
def test_a_rebuild_takes_the_unchanged_downloads_from_the_published_site(tiny: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(tiny, data)
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build_plan(data, out, cache=cache, workers=2).timings is not None
    scheme = sorted((out / "downloads" / "schemes").iterdir())[-1]
    before = (scheme / "ocds-releases.json").stat().st_ino
    award_title(data)
    assert first_award(data).parent.name != scheme.name
    assert build_plan(data, out, cache=cache, workers=2).timings is not None
    assert (scheme / "ocds-releases.json").stat().st_ino == before
    assert build_plan(data, tmp_path / "fresh", workers=2).timings is not None
    assert files_of(out / "downloads") == files_of(tmp_path / "fresh" / "downloads")


def test_rows_in_takes_rows_across_blocks() -> None:
    records = [{"scheme_id": "s", "award_id": f"{i:06}", "supplier_id": str(i % 7)} for i in range(2 * BLOCK + 5)]
    rows = blocks("award_suppliers", records)
    for start, end in ((0, 1), (BLOCK - 3, BLOCK + 4), (5, 2 * BLOCK + 5), (2 * BLOCK, 2 * BLOCK + 5)):
        taken = [row for block in rows_in(rows, start, end) for row in zip(*block, strict=True)]
        assert taken == [tuple(r.values()) for r in records[start:end]], (start, end)
