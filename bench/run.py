"""Benchmark at national scale (DESIGN §7): time and peak memory of each command, side by side in one run.

    .venv/bin/python bench/run.py [--scale national] [--seed 7] [--runs 3] [--skip-browser]

Generates the dataset once with `dps synth` (kept in bench/out/), then runs, each in its own process measured by
its wall time and, in another run, the peak memory of its whole process tree (sampled proportional set size, so
forked workers sharing pages are not counted twice): `dps validate`; `frictionless validate` of the exported CSV package
(the reference validator); `dps export` (its OCDS part timed as a stage, and the OCDS files' size); `dps build`
(whole, with its own per-stage figures); a second `dps build`
after one record changed. Then, in headless Chromium on the built site: the bytes the home page and a search
query download; the time from the last keystroke to a query's results on the search page (search_latency); the
search quality of 250 queries drawn from the data, top-1 and top-3 per kind and bytes per query
(search_quality.py); the bytes of the awards explorer's typical views (explorer_bytes.py).
Prints the tables and whether each target (issues 6 and 19) is met. Cheap commands are run --runs times (median).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import explorer_bytes
import search_quality
from serving import chromium, serve

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
OUT = ROOT / "bench" / "out"
TYPING_MS = 100  # between keystrokes: a quick typist, and more than the search page's 80 ms pause before it looks
LATENCY_TARGET_MS = 300


@dataclass
class Measure:
    name: str
    seconds: float
    peak_bytes: int
    runs: int
    note: str = ""


def _tree_pss(root: int) -> int:
    """Proportional set size of a process and all its descendants, in bytes: shared pages counted once in all,
    so forked workers that share the parent's memory are not counted twice."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def run_once(command: list[str], ok: tuple[int, ...], sample: bool) -> tuple[float, int, str]:
    """Wall time, the peak memory of the whole process tree if sampled (PSS, every 0.2 s), and the output."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, text=True)
        peak = 0
        while sample and process.poll() is None:
            peak = max(peak, _tree_pss(process.pid))
            time.sleep(0.2)
        process.wait()
        seconds = time.perf_counter() - started
        out.seek(0)
        output = out.read()
    if process.returncode not in ok:
        sys.exit(f"{' '.join(command[:2])} failed ({process.returncode}):\n{output[-3000:]}")
    return seconds, peak, output


def timed(name: str, command: list[str], runs: int = 1, ok: tuple[int, ...] = (0,)) -> Measure:
    """Median wall time of `runs` runs left alone, and the peak memory of one more run, sampled.

    Sampling reads every process's memory map, which holds up the forked writers' page faults: a build measured
    while sampled took 129 s, unobserved 110 s. So time and memory come from different runs of the same command.
    """
    seconds, output = [], ""
    for _ in range(runs):
        took, _, output = run_once(command, ok, sample=False)
        seconds.append(took)
    _, peak, _ = run_once(command, ok, sample=True)
    return Measure(name, statistics.median(seconds), peak, runs, _stages(output))


def builds(data: Path, site: Path) -> list[Measure]:
    """`dps build` from nothing (no site, no caches), then again after one award's title was changed in place, as
    a maintainer's edit reaches a build: the same folder, so what the caches keep by a record file's path applies.
    Timed, then repeated from nothing for the peak memory (see timed()).

    (Until stop 26 the changed record lay in a copy of the data in another folder: the schema check's cache, kept
    by each file's path as shown, knew none of its files, and the rebuild checked all 600,000 rows again.)"""
    work = OUT / (data.name + "-work")
    cache = site.parent / "build-cache"
    build = [str(BIN / "dps"), "build", "--out", str(site), "--cache", str(cache), "--data", str(work)]
    names = ("dps build (first)", "dps build (one record changed)")
    results: dict[str, list[tuple[float, int, str]]] = {name: [] for name in names}
    for sample in (False, True):
        for folder in (site, cache, work):  # the first build reads every file
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(data, work, copy_function=_hardlink)
        results[names[0]].append(run_once(build, (0,), sample))
        change_one_record(work)
        results[names[1]].append(run_once(build, (0,), sample))
    return [
        Measure(name, timed_run[0], sampled_run[1], 1, _stages(timed_run[2]))
        for name, (timed_run, sampled_run) in results.items()
    ]


def _stages(output: str) -> str:
    """The stages a command reports in parentheses: `dps build`'s (load+check…) and `dps export`'s (tables…, ocds…),
    with how many pages a build rendered."""
    found = re.search(r"\(((?:load\+check|tables ).*?)\)", output)
    rendered = re.search(r"\((\d+ rendered), ", output)
    return ", ".join(part.group(1) for part in (rendered, found) if part)


def ocds_sizes(downloads: Path) -> str:
    """The OCDS export's files (whole data): their releases and bytes, from downloads.json."""
    entries = json.loads((downloads / "downloads.json").read_text(encoding="utf-8"))
    whole = [e for e in entries if e["format"].startswith("ocds") and e["scheme"] is None]
    cuts = sum(e["bytes"] for e in entries if e["format"].startswith("ocds") and e["scheme"] is not None)
    files = ", ".join(f"{e['path']} {e['rows']:,} releases {e['bytes'] / 1e6:,.1f} MB" for e in whole)
    return f"OCDS: {files}; per-scheme OCDS files {cuts / 1e6:,.1f} MB in all"


def synthesize(scale: str, seed: int) -> Path:
    data = OUT / f"{scale}-{seed}"
    if not (data / "schemes").is_dir():
        shutil.rmtree(data, ignore_errors=True)
        print(f"generating {scale} data (seed {seed}) into {data} …", flush=True)
        subprocess.run([BIN / "dps", "synth", "--scale", scale, "--seed", str(seed), "--out", data], check=True)
    return data


def change_one_record(data: Path) -> Path:
    """Change one award's title in place (the file is a hard link to the generated data: unlinked, then written)."""
    award = sorted((data / "awards").rglob("*.yaml"))[0]
    text = award.read_text(encoding="utf-8")
    award.unlink()
    award.write_text(re.sub(r'^title: "', 'title: "Endret: ', text, count=1, flags=re.M), encoding="utf-8")
    return award


def _hardlink(source: str, target: str) -> None:
    Path(target).hardlink_to(source)


def browser_bytes(site: Path) -> dict[str, int]:
    """Bytes transferred for the home page (everything it loads) and for one search query, in headless Chromium."""
    sizes: dict[str, int] = {}
    with serve(site) as base, chromium() as browser:
        for name, url, settle in (
            ("home page", base, None),
            ("search page", base + "search/", None),
            # the names index answers a name (generator/render/names.py); its status line is set once it has
            ("search page + query", base + "search/?q=Bergen", ".dps-search__status:not(:empty)"),
        ):
            page = browser.new_page()
            loaded: list[int] = []
            page.on(
                "requestfinished", lambda request, loaded=loaded: loaded.append(request.sizes()["responseBodySize"])
            )
            page.goto(url, wait_until="networkidle")
            if settle:
                page.wait_for_selector(settle, timeout=30_000)
            # one more call to the browser: the events of the requests that finished reach this process with it
            # (without it, a loaded machine once counted 0 bytes for the search page)
            page.wait_for_load_state("networkidle")
            sizes[name] = sum(loaded)
            page.close()
    sizes["search query"] = sizes["search page + query"] - sizes["search page"]
    return sizes


# Set up on the loaded search page before typing: the time of the last `input` event, and of the first frame
# after the results of the whole query are in the page (the status line names the query once they are).
_WATCH = """query => {
  const input = document.getElementById("dps-search-input");
  const status = document.querySelector("#dps-search .dps-search__status");
  window.dpsTyped = 0;
  window.dpsShown = 0;
  input.addEventListener("input", () => { window.dpsTyped = performance.now(); window.dpsShown = 0; });
  new MutationObserver(() => {
    if (window.dpsShown || input.value !== query || !status.textContent.includes(query.trim())) return;
    requestAnimationFrame(() => { window.dpsShown = performance.now(); });
  }).observe(document.getElementById("dps-search"), { childList: true, subtree: true, characterData: true });
}"""


def search_latency(site: Path, queries: list[str], typing_ms: int = TYPING_MS) -> list[float]:
    """Milliseconds from the last keystroke of each query to its results shown, in headless Chromium.

    Each query is typed key by key (typing_ms apart, so the page looks up the partial queries as it does for a
    reader) into the search page, loaded in a fresh browser context: the name index files the query needs are
    not cached unless a partial query fetched them. The clock is the page's own (performance.now)."""
    times: list[float] = []
    with serve(site) as base, chromium() as browser:
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "search/", wait_until="networkidle")
            page.evaluate(_WATCH, query)
            page.locator("#dps-search-input").press_sequentially(query, delay=typing_ms)
            page.wait_for_function("() => window.dpsShown > 0", timeout=60_000)
            times.append(page.evaluate("window.dpsShown - window.dpsTyped"))
            context.close()
    return times


def latency_sample(queries: list[search_quality.Query], per_kind: int = 4) -> list[str]:
    """The first queries of each kind drawn for the search quality: every kind of query, timed."""
    taken: dict[str, int] = {}
    sample = []
    for q in queries:
        if taken.get(q.kind, 0) < per_kind:
            taken[q.kind] = taken.get(q.kind, 0) + 1
            sample.append(q.text)
    return sample


def browser_part(site: Path, data: Path, seed: int) -> tuple[str, list[tuple[str, bool]]]:
    """Bytes, search latency, search quality and the explorer's bytes on the built site: the report and targets."""
    sizes = browser_bytes(site)
    ix = search_quality.model(data)
    queries = search_quality.draw(ix, 25, seed)
    views = explorer_bytes.views(ix)
    del ix  # the model is big; Chromium is next
    times = search_latency(site, latency_sample(queries))
    results = search_quality.run(site, queries, "nb")
    explored = explorer_bytes.measure(site, views)

    exact = [r for r in results if r["kind"] in search_quality.EXACT_KINDS]
    top1 = 100 * sum(bool(r["top1"]) for r in exact) / len(exact)
    gz = sorted(int(r["gzip"]) for r in results)  # type: ignore[call-overload]
    median_ms, worst_ms = statistics.median(times), max(times)
    report = "\n\n".join(
        [
            "  ".join(f"{name}: {n / 1e3:,.0f} KB" for name, n in sizes.items()),
            f"search, last keystroke to results shown ({len(times)} queries, {TYPING_MS} ms between keys, "
            f"{os.cpu_count()} cores): median {median_ms:.0f} ms, worst {worst_ms:.0f} ms "
            f"(target {LATENCY_TARGET_MS} ms)",
            f"search quality ({len(queries)} queries):\n" + search_quality.report(results),
            explorer_bytes.report(explored),
        ]
    )
    targets = [
        (
            f"a search query downloads under 300 KB ({sizes['search query'] / 1e3:.0f} KB)",
            sizes["search query"] < 300e3,
        ),
        (f"home page under 500 KB in all ({sizes['home page'] / 1e3:.0f} KB)", sizes["home page"] < 500e3),
        (
            f"search results within {LATENCY_TARGET_MS} ms of the last keystroke (worst {worst_ms:.0f} ms)",
            worst_ms <= LATENCY_TARGET_MS,
        ),
        (f"top-1 ≥ 98% for exact names and numbers ({top1:.1f}%)", top1 >= 98),
        (
            f"a query's name-index bytes gzipped: median ≤ 150 KB, worst ≤ 300 KB "
            f"({statistics.median(gz) / 1e3:.1f} / {gz[-1] / 1e3:.1f} KB)",
            statistics.median(gz) <= 150e3 and gz[-1] <= 300e3,
        ),
    ]
    return report, targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="national", choices=["tiny", "small", "national"])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="runs of the cheaper commands (median)")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    data = synthesize(args.scale, args.seed)
    files = sum(1 for _ in data.rglob("*.yaml"))
    downloads, site = OUT / "downloads", OUT / "site"
    dps = str(BIN / "dps")
    measures = [
        timed("dps validate", [dps, "validate", "--data", str(data), "--format", "json"], args.runs, ok=(0, 1)),
        timed("dps export", [dps, "export", "--data", str(data), "--out", str(downloads)]),
    ]
    measures.insert(
        1,
        timed(
            "frictionless validate (CSV)",
            [str(BIN / "frictionless"), "validate", str(downloads / "datapackage.json")],
            args.runs,
        ),
    )
    measures += builds(data, site)

    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    biggest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)

    print(f"\n{args.scale} (seed {args.seed}): {files:,} record files; site {pages:,} pages, {size / 1e6:,.0f} MB")
    print(f"largest page: {biggest.relative_to(site)} {biggest.stat().st_size / 1e3:,.0f} KB")
    print(ocds_sizes(downloads) + "\n")
    print(f"{'command':34} {'seconds':>9} {'peak MB':>9} {'runs':>5}  stages")
    for m in measures:
        print(f"{m.name:34} {m.seconds:9.1f} {m.peak_bytes / 1e6:9.0f} {m.runs:5}  {m.note}")

    by_name = {m.name: m for m in measures}
    ratio = by_name["dps validate"].seconds / by_name["frictionless validate (CSV)"].seconds
    targets = [
        (f"dps validate ≤ 1.5 × frictionless validate (ratio {ratio:.2f})", ratio <= 1.5),
        (
            f"dps build under 120 s ({by_name['dps build (first)'].seconds:.0f} s)",
            by_name["dps build (first)"].seconds < 120,
        ),
        (
            f"one-change rebuild under 40 s ({by_name['dps build (one record changed)'].seconds:.0f} s)",
            by_name["dps build (one record changed)"].seconds < 40,
        ),
        (
            f"peak memory under 3 GB (max {max(m.peak_bytes for m in measures) / 1e9:.2f} GB)",
            all(m.peak_bytes < 3e9 for m in measures),
        ),
        (f"no page over 1 MB (largest {biggest.stat().st_size / 1e3:.0f} KB)", biggest.stat().st_size <= 1_000_000),
    ]
    if not args.skip_browser:
        report, browser_targets = browser_part(site, data, args.seed)
        print("\n" + report)
        targets += browser_targets
    print()
    for text, met in targets:
        print(f"{'met    ' if met else 'NOT MET'}  {text}")
    (OUT / "last.json").write_text(
        json.dumps([m.__dict__ for m in measures] + [{"target": t, "met": met} for t, met in targets], indent=2) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
