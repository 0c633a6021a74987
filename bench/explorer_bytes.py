"""Bytes the awards explorer downloads for typical views, in headless Chromium.

    .venv/bin/python bench/explorer_bytes.py --site bench/out/site (--data bench/out/national-7 | --views V.json)

Each view is opened in a fresh browser context (a cold cache) as a permalink, e.g. `explore/?scheme=…`, and
counted once its count is shown and the network is idle: the bytes of the explorer's files (explorer/) and of the
name index (names/) as served (this server does not compress) and gzipped at level 6 (what a compressing host
sends). The views come from the dataset (`views`): the first view, the scheme, buyer and supplier of median and
of most awards, the year of most awards, a value range, all years. `--views` reads them from a JSON file written
by `--write-views`, so two sites (before and after a change) are measured on the same views.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serving import chromium, serve  # noqa: E402

from generator.model import Model  # noqa: E402
from generator.model.facts import award_year  # noqa: E402

SHOWN = "() => /^[0-9]/.test(document.querySelector('.dps-explorer__status')?.textContent || '')"


def views(ix: Model) -> dict[str, str]:
    """Typical views as the explorer's address query (after `explore/?`), named."""

    def median_and_most(counts: dict[str, int]) -> tuple[str, str]:
        ranked = sorted(counts, key=lambda k: (counts[k], k))
        return ranked[len(ranked) // 2], ranked[-1]

    schemes = median_and_most({s: len(a) for s, a in ix.awards_by_scheme.items()})
    buyers = median_and_most({b.id: len(b.awards) for b in ix.buyers.values() if b.awards})
    suppliers = median_and_most({s: len(a) for s, a in ix.awards_by_supplier.items() if a})
    years: dict[int, int] = {}
    for a in ix.awards.values():
        if (year := award_year(a)) is not None:
            years[year] = years.get(year, 0) + 1
    busiest = max(years, key=lambda y: (years[y], y))
    return {
        "first view (no filter)": "",
        "one scheme (median)": f"scheme={schemes[0]}",
        "one scheme (most awards)": f"scheme={schemes[1]}",
        "one buyer (median)": f"buyer={buyers[0]}",
        "one buyer (most awards)": f"buyer={buyers[1]}",
        "one supplier (median)": f"supplier={suppliers[0]}",
        "one supplier (most awards)": f"supplier={suppliers[1]}",
        f"one year ({busiest}, most awards)": f"from={busiest}-01-01&to={busiest}-12-31",
        "value over 1 MNOK": "vmin=1000000",
        "all years": "year=all",
    }


def measure(site: Path, named: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Per view: the explorer and name-index files it fetched, their bytes raw and gzipped, and the count shown."""
    out: dict[str, dict[str, Any]] = {}
    with serve(site) as base, chromium() as browser:
        for name, query in named.items():
            context = browser.new_context()
            page = context.new_page()
            bodies: list[tuple[str, bytes]] = []

            def finished(request: Any, bodies: list[tuple[str, bytes]] = bodies) -> None:
                if "/explorer/" in request.url or "/names/" in request.url:
                    response = request.response()
                    bodies.append((request.url[len(base) :], response.body() if response else b""))

            page.on("requestfinished", finished)
            page.goto(f"{base}explore/" + (f"?{query}" if query else ""), wait_until="load")
            page.wait_for_function(SHOWN, timeout=300_000)
            page.wait_for_load_state("networkidle")
            status = page.locator(".dps-explorer__status").inner_text()
            out[name] = {
                "query": query,
                "files": len(bodies),
                "bytes": sum(len(b) for _, b in bodies),
                "gzip": sum(len(gzip.compress(b, 6)) for _, b in bodies),
                "shown": status,
            }
            context.close()
    return out


def report(measured: dict[str, dict[str, Any]]) -> str:
    lines = [f"{'explorer view':34} {'files':>5} {'KB':>9} {'KB gzip':>9}  count shown"]
    for name, m in measured.items():
        lines.append(
            f"{name:34} {m['files']:5} {m['bytes'] / 1e3:9,.1f} {m['gzip'] / 1e3:9,.1f}  {m['shown'].split(' · ')[0]}"
        )
    typical = [m["gzip"] for name, m in measured.items() if name != "all years"]
    lines.append(f"{'median of the views but all years':34} {'':5} {'':9} {statistics.median(typical) / 1e3:9,.1f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site")
    parser.add_argument("--data", type=Path, help="the records the site was built from (to choose the views)")
    parser.add_argument("--views", type=Path, help="the views, from a JSON file (see --write-views)")
    parser.add_argument("--write-views", type=Path, help="write the views chosen from --data here")
    parser.add_argument("--out", type=Path, help="write the measurements here (JSON)")
    args = parser.parse_args()
    if args.views:
        named = json.loads(args.views.read_text(encoding="utf-8"))
    elif args.data:
        from search_quality import model

        named = views(model(args.data))
        if args.write_views:
            args.write_views.write_text(json.dumps(named, indent=1) + "\n", encoding="utf-8")
    else:
        parser.error("give --data or --views")
    measured = measure(args.site, named)
    if args.out:
        args.out.write_text(json.dumps(measured, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(report(measured))


if __name__ == "__main__":
    main()
