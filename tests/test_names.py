"""The name index and the awards explorer's files: every record where a query for its words looks, exact ids in
their buckets, every award in each kind of explorer file once, byte-identical for the same data."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generator import routes
from generator.check import validate
from generator.model import Model, build_model
from generator.render import explorer, names


def _model(data: Path) -> Model:
    dataset, problems = validate(data)
    assert not [p for p in problems if p.is_error]
    return build_model(dataset)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_words_are_folded_but_norwegian_letters_kept() -> None:
    assert names.tokens("ØRSTA Café-Müller AS") == ["ørsta", "cafe", "muller", "as"]
    assert names.key_of("bergen") == "ber" and names.key_of("as") is None and names.key_of("ab") is None
    assert names.fnv("") == 0x811C9DC5 and names.fnv("a") == 0xE40C292C  # FNV-1a's published values


def test_each_record_is_in_the_shard_of_each_word_of_its_name_and_id(data: Path, tmp_path: Path) -> None:
    ix = _model(data)
    names.write_index(ix, tmp_path)
    folder = tmp_path / routes.NAMES

    def shard(word: str) -> list[list[object]]:
        key = names.key_of(names.tokens(word)[0])
        assert key is not None
        content: dict[str, list[list[object]]] = json.loads((folder / names.shard_file(key)).read_text("utf-8"))
        return content[key]

    fjordtolk = ["p", "NO-BRC-312345692", "Fjordtolk AS"]
    assert [r[:3] for r in shard("Fjordtolk")].count(fjordtolk) == 1  # once, though two of its words share a key
    assert fjordtolk in [r[:3] for r in shard("312345692")]  # its organisation number
    path = next(r[6] for r in shard("Fjordtolk") if r[1] == "NO-BRC-312345692")
    assert path == routes.supplier("NO-BRC-312345692")
    buyer = next(iter(ix.buyers.values()))
    assert ["b", buyer.id, buyer.name] in [r[:3] for r in shard(buyer.name)]
    for scheme in ix.schemes.values():
        assert scheme["scheme_id"] in [r[1] for r in shard(scheme["scheme_id"]) if r[0] == "s"]
    every = {key for f in folder.glob("*.json") for key in json.loads(f.read_text("utf-8"))}
    assert "as" not in every and "fjo" in every  # every firm is an AS: not a word to choose a shard by
    assert len(list(folder.glob("*.json"))) == names.SHARD_FILES  # all written: a query never meets a 404


def test_awards_are_in_the_bucket_of_their_exact_id(data: Path, tmp_path: Path) -> None:
    ix = _model(data)
    names.write_index(ix, tmp_path)
    for (scheme_id, award_id), award in ix.awards.items():
        key = " ".join(names.tokens(award_id))
        bucket = json.loads((tmp_path / routes.NAMES / "ids" / f"{names.bucket_of(key)}.json").read_text("utf-8"))
        year = (award["invited"] or award["awarded"]).year
        assert routes.award(scheme_id, award_id, year) in [r[6] for r in bucket[key]]


def _rows(shard: dict[str, Any]) -> list[dict[str, Any]]:
    """A columnar explorer shard's rows, decoded as the explorer page decodes them."""
    columns, values = dict(shard["columns"]), shard["values"]
    for name in ("invited", "awarded"):  # days since 1970, each less the known one before it
        days, total = [], 0
        for d in columns[name]:
            total += d or 0
            days.append(None if d is None else date(1970, 1, 1) + timedelta(days=total))
        columns[name] = days

    def value(name: str, i: int) -> Any:
        at = columns[name][i]
        return values[name][at] if name in values and at is not None else at

    return [
        {
            **{name: value(name, i) for name in columns},
            "winners": [shard["suppliers"][w][0] for w in columns["winners"][i]],
        }
        for i in range(shard["rows"])
    ]


def test_the_explorer_files_hold_every_award_once_per_kind(data: Path, tmp_path: Path) -> None:
    ix = _model(data)
    explorer.write_files(ix, tmp_path)
    folder = tmp_path / routes.EXPLORER_DATA
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["awards"] == len(ix.awards) == sum(y["awards"] for y in meta["years"].values())
    assert meta["formula_starts"].startswith("=")
    assert meta["paths"]["award"] == "schemes/{s}/awards/{y}/#{a}"
    every = {(a["scheme_id"], a["award_id"]) for a in ix.awards.values()}
    for kind in ("scheme", "buyer", "year"):
        rows = [(r["scheme"], r["award"]) for f in (folder / kind).iterdir() for r in _rows(json.loads(f.read_bytes()))]
        assert sorted(rows) == sorted(every), kind
    for supplier_id, won in ix.awards_by_supplier.items():
        shard = folder / routes.explorer_shard("supplier", str(explorer.supplier_bucket(supplier_id)))
        content = json.loads(shard.read_text(encoding="utf-8"))
        mine = {(r["scheme"], r["award"]) for r in _rows(content) if supplier_id in r["winners"]}
        assert mine == {(a["scheme_id"], a["award_id"]) for a in won}
        assert [ix.suppliers[supplier_id]["name"]] == [s[1] for s in content["suppliers"] if s[0] == supplier_id]


def test_a_row_holds_the_awards_values_and_each_year_its_totals_and_size(data: Path, tmp_path: Path) -> None:
    ix = _model(data)
    explorer.write_files(ix, tmp_path)
    folder = tmp_path / routes.EXPLORER_DATA
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    for year, totals in meta["years"].items():
        path = folder / routes.explorer_shard("year", year)
        rows = _rows(json.loads(path.read_bytes()))
        assert totals["bytes"] == path.stat().st_size
        awards = [ix.awards[r["scheme"], r["award"]] for r in rows]
        assert totals == {**explorer.totals(awards), "bytes": totals["bytes"]}
        assert totals["awards"] == len(rows)
        for r, a in zip(rows, awards, strict=True):
            assert (r["invited"], r["awarded"]) == (a["invited"], a["awarded"])
            assert (r["category"], r["buyer"], r["title"], r["status"]) == (
                a["category_id"],
                a["buyer_id"],
                a["title"],
                a["status"],
            )
            assert (r["value"], r["currency"], r["tenders"]) == (a["value_amount"], a["value_currency"], a["tenders"])
    nok = [a for a in ix.awards.values() if a["value_currency"] == "NOK" and a["status"] != "cancelled"]
    worth = sum(a["value_amount"] for a in nok if a["value_amount"] is not None)
    assert sum(y["value"].get("NOK", 0) for y in meta["years"].values()) == worth > 0


def test_unknown_values_stay_unknown_in_the_explorer(data: Path, tmp_path: Path, edit) -> None:
    edit("awards/tolk-fjordvik/2024-001.yaml", "tenders: 2\nsme_tenders: 1\n", "")
    ix = _model(data)
    explorer.write_files(ix, tmp_path)
    shard = json.loads((tmp_path / routes.EXPLORER_DATA / "scheme" / "tolk-fjordvik.json").read_text("utf-8"))
    row = next(r for r in _rows(shard) if r["award"] == "2024-001")
    assert row["tenders"] is None and row["sme_tenders"] is None


def test_the_index_and_the_explorer_files_are_the_same_for_the_same_data(data: Path, tmp_path: Path) -> None:
    ix = _model(data)
    for run in ("a", "b"):
        names.write_index(_model(data) if run == "b" else ix, tmp_path / run)
        explorer.write_files(_model(data) if run == "b" else ix, tmp_path / run)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
