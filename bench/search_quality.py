"""Search quality at national scale: does the record a reader means come first, and how many bytes does it cost?

    .venv/bin/python bench/search_quality.py --data bench/out/national-7 --site bench/out/site [--per-kind 25]

`make bench` runs it too (bench/run.py), on the benchmark's national site.

Draws queries from a dataset (seeded, so every run asks the same): exact names of buyers, schemes and suppliers,
organisation numbers bare, with spaces and with NO-BRC-, scheme ids, CPV codes, award notice ids, and name
prefixes (a first word and the start of the next). Each query is typed into the built site's search page in
headless Chromium, one fresh browser context per query (a cold cache), and the result links are read as a reader
sees them. Prints per kind the share of queries whose first result (and one of the first three) is a record the
query means, and the bytes the query downloaded: as served (this server does not compress) and gzipped (what a
compressing host sends; Pagefind's own files are gzipped already). Works on a site with the name index
(generator/render/names.py) and on one with only Pagefind's search page (before it), so both can be compared.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serving import chromium, serve  # noqa: E402

from generator import routes  # noqa: E402
from generator.load import load  # noqa: E402
from generator.model import Model, build_model  # noqa: E402
from generator.model.facts import award_year  # noqa: E402
from generator.render.names import tokens  # noqa: E402

EXACT_KINDS = ("buyer name", "scheme name", "supplier name", "org number", "org number spaced", "NO-BRC id")


@dataclass
class Query:
    kind: str
    text: str
    wanted: list[str]  # page paths of the records the query means (any of them counts)


def _key(text: str) -> str:
    return " ".join(tokens(text))


def model(data: Path) -> Model:
    """The dataset's model, to draw queries from (its problems are the other benchmarks' business)."""
    dataset, _ = load(data)
    return build_model(dataset)


def draw(ix: Model, per_kind: int, seed: int) -> list[Query]:
    """The queries and the records each one means, from the dataset."""
    rng = random.Random(seed)
    by_name: dict[str, list[str]] = defaultdict(list)
    for b in ix.buyers.values():
        by_name[_key(b.name)].append(routes.buyer(b.id))
    for s in ix.schemes.values():
        by_name[_key(ix.scheme_name(s))].append(routes.scheme(s["scheme_id"]))
    for p in ix.suppliers.values():
        by_name[_key(p["name"])].append(routes.supplier(p["supplier_id"]))

    def sample(items: list[object]) -> list[object]:
        return rng.sample(items, min(per_kind, len(items)))

    queries: list[Query] = []
    buyers = sorted(ix.buyers.values(), key=lambda b: b.id)
    suppliers = sorted(ix.suppliers.values(), key=lambda p: p["supplier_id"])
    schemes = list(ix.schemes.values())
    for b in sample(buyers):  # type: ignore[assignment]
        queries.append(Query("buyer name", b.name, by_name[_key(b.name)]))  # type: ignore[attr-defined]
    for s in sample(schemes):
        name = ix.scheme_name(s)  # type: ignore[arg-type]
        queries.append(Query("scheme name", name, by_name[_key(name)]))
    for p in sample(suppliers):  # type: ignore[arg-type]
        queries.append(Query("supplier name", p["name"], by_name[_key(p["name"])]))  # type: ignore[index]
    organisations = [(b.id, routes.buyer(b.id)) for b in buyers] + [
        (p["supplier_id"], routes.supplier(p["supplier_id"])) for p in suppliers
    ]
    norwegian = [(i, path) for i, path in organisations if i.startswith("NO-BRC-")]
    for i, path in sample(norwegian):  # type: ignore[misc]
        queries.append(Query("org number", i.removeprefix("NO-BRC-"), [path]))
    for i, path in sample(norwegian):  # type: ignore[misc]
        number = i.removeprefix("NO-BRC-")
        queries.append(Query("org number spaced", f"{number[:3]} {number[3:6]} {number[6:]}", [path]))
    for i, path in sample(norwegian):  # type: ignore[misc]
        queries.append(Query("NO-BRC id", i, [path]))
    for s in sample(schemes):
        queries.append(Query("scheme id", s["scheme_id"], [routes.scheme(s["scheme_id"])]))  # type: ignore[index]
    by_cpv: dict[str, list[str]] = defaultdict(list)
    for s in schemes:
        for code in {s["cpv"], *(c["cpv"] for c in ix.categories.get(s["scheme_id"], []))} - {None}:
            by_cpv[code].append(routes.scheme(s["scheme_id"]))
    for code in sample(sorted(by_cpv)):  # type: ignore[arg-type]
        queries.append(Query("CPV code", code, by_cpv[code]))  # type: ignore[index]
    noticed = [a for a in ix.awards.values() if a["doffin_notice"] and award_year(a)]
    for a in sample(noticed):  # type: ignore[arg-type]
        path = routes.award(a["scheme_id"], a["award_id"], award_year(a) or 0)  # type: ignore[index]
        queries.append(Query("award notice", a["doffin_notice"], [path]))  # type: ignore[index]
    names = [(b.name, "b") for b in buyers] + [(p["name"], "p") for p in suppliers]
    multiword = [n for n, _ in names if len(n.split()) >= 2 and len(n.split()[1]) >= 4]
    for name in sample(multiword):  # type: ignore[assignment]
        first, second = name.split()[:2]  # type: ignore[attr-defined]
        prefix = f"{first} {second[:3]}"
        starting = [path for key, paths in by_name.items() if key.startswith(_key(prefix)) for path in paths]
        queries.append(Query("name prefix", prefix, starting))
    return queries


def _page_path(href: str, base: str) -> str:
    path = href[len(base) :] if href.startswith(base) else href
    return path.removeprefix("en/")


def run(site: Path, queries: list[Query], lang: str) -> list[dict[str, object]]:
    """Each query on the search page: its first result links and the bytes it downloaded."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    names = (site / routes.NAMES).is_dir()
    prefix = "" if lang == "nb" else "en/"
    out: list[dict[str, object]] = []
    with serve(site) as base, chromium() as browser:
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            fetched: list[tuple[str, bytes]] = []

            def finished(request: Any, fetched: list[tuple[str, bytes]] = fetched) -> None:
                url = request.url
                wanted = "/names/" in url or ("/pagefind/" in url and "pagefind-ui" not in url)
                if wanted:
                    try:
                        response = request.response()
                        fetched.append((url, response.body() if response else b""))
                    except PlaywrightError:  # the page closed meanwhile: a request the query did not wait for
                        pass

            page.on("requestfinished", finished)
            started = time.perf_counter()
            page.goto(f"{base}{prefix}search/?q={quote(query.text)}", wait_until="load")
            try:
                if names:
                    page.wait_for_function(
                        "() => (document.querySelector('.dps-search__status') || {}).textContent", timeout=90_000
                    )
                    selector = "#dps-search > .dps-search__results .dps-search__link"
                else:
                    page.locator(".pagefind-ui__message").wait_for(timeout=90_000)
                    selector = ".pagefind-ui__result-link"
                page.wait_for_load_state("networkidle")
            except PlaywrightTimeout:  # counted as a query that found nothing, and said
                print(f"no answer in 90 s: {query.text!r}", file=sys.stderr)
                selector = "#no-results"
            seconds = time.perf_counter() - started
            links = page.locator(selector).evaluate_all("links => links.slice(0, 3).map(a => a.href)")
            raw = sum(len(body) for _, body in fetched)
            zipped = sum(len(body) if "/pagefind/" in url else len(gzip.compress(body, 9)) for url, body in fetched)
            paths = [_page_path(link, base) for link in links]
            out.append(
                {
                    "kind": query.kind,
                    "query": query.text,
                    "top": paths,
                    "top1": bool(paths) and paths[0] in query.wanted,
                    "top3": any(path in query.wanted for path in paths[:3]),
                    "bytes": raw,
                    "gzip": zipped,
                    "seconds": seconds,
                }
            )
            context.close()
    return out


def report(results: list[dict[str, object]]) -> str:
    kinds: dict[str, list[dict[str, object]]] = defaultdict(list)
    for r in results:
        kinds[str(r["kind"])].append(r)
    lines = [f"{'kind':20} {'n':>4} {'top-1':>7} {'top-3':>7} {'KB med':>7} {'KB max':>7} {'gz med':>7} {'gz max':>7}"]

    def line(name: str, rows: list[dict[str, object]]) -> str:
        size = [int(r["bytes"]) / 1000 for r in rows]  # type: ignore[call-overload]
        gz = [int(r["gzip"]) / 1000 for r in rows]  # type: ignore[call-overload]
        top1 = 100 * sum(bool(r["top1"]) for r in rows) / len(rows)
        top3 = 100 * sum(bool(r["top3"]) for r in rows) / len(rows)
        return (
            f"{name:20} {len(rows):4} {top1:6.1f}% {top3:6.1f}% {statistics.median(size):7.1f} {max(size):7.1f}"
            f" {statistics.median(gz):7.1f} {max(gz):7.1f}"
        )

    for kind, rows in kinds.items():
        lines.append(line(kind, rows))
    exact = [r for r in results if r["kind"] in EXACT_KINDS]
    lines.append(line("exact names+numbers", exact))
    lines.append(line("all", results))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the records folder the site was built from")
    parser.add_argument("--site", type=Path, required=True, help="the built site")
    parser.add_argument("--per-kind", type=int, default=25, help="queries per kind (at least 200 in all: 25)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--lang", choices=("nb", "en"), default="nb")
    parser.add_argument("--queries", type=Path, help="read the drawn queries from here, else draw and write them")
    parser.add_argument("--out", type=Path, help="write each query's result here (JSON)")
    args = parser.parse_args()
    if args.queries and args.queries.exists():
        queries = [Query(**q) for q in json.loads(args.queries.read_text(encoding="utf-8"))]
    else:
        queries = draw(model(args.data), args.per_kind, args.seed)
        if args.queries:
            args.queries.write_text(json.dumps([q.__dict__ for q in queries], ensure_ascii=False), encoding="utf-8")
    results = run(args.site, queries, args.lang)
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(queries)} queries on {args.site}")
    print(report(results))


if __name__ == "__main__":
    main()
