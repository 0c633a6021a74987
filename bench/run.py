"""Benchmark at national scale (DESIGN §7): time and peak memory of each command, side by side in one run.

    .venv/bin/python bench/run.py [--scale national] [--seed 7] [--runs 3] [--skip-browser]

Generates the dataset once with `dps synth` (kept in bench/out/), then runs, each in its own process measured by
its wall time and, in another run, the peak memory of its whole process tree (sampled proportional set size, so
forked workers sharing pages are not counted twice): `dps validate`; `frictionless validate` of the exported CSV package
(the reference validator); `dps export` (its OCDS part timed as a stage, and the OCDS files' size); `dps build`
(whole, with its own per-stage figures); a second `dps build`
after one record changed. Then, in headless Chromium, the bytes a search query and the home page download.
Prints one table and whether each target of issue 6 is met. Cheap commands are run --runs times (median).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
OUT = ROOT / "bench" / "out"


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


def builds(data: Path, changed: Path, site: Path) -> list[Measure]:
    """`dps build` from nothing (no site, no load cache), then again after one record changed: timed, then
    repeated from nothing for the peak memory (see timed())."""
    # one cache for both: the changed copy is another folder, whose default cache (by its path) would be cold
    cache = site.parent / "build-cache"
    build = [str(BIN / "dps"), "build", "--out", str(site), "--cache", str(cache), "--data"]
    commands = {"dps build (first)": [*build, str(data)], "dps build (one record changed)": [*build, str(changed)]}
    results: dict[str, list[tuple[float, int, str]]] = {name: [] for name in commands}
    for sample in (False, True):
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)  # the first build reads every file
        for name, command in commands.items():
            results[name].append(run_once(command, (0,), sample))
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
    """A copy of the data with one award's title changed, for the second build."""
    changed = OUT / (data.name + "-changed")
    if changed.exists():
        shutil.rmtree(changed)
    shutil.copytree(data, changed, copy_function=_hardlink)
    award = sorted((changed / "awards").rglob("*.yaml"))[0]
    text = award.read_text(encoding="utf-8")
    award.unlink()  # break the hard link before writing
    award.write_text(re.sub(r'^title: "', 'title: "Endret: ', text, count=1, flags=re.M), encoding="utf-8")
    return changed


def _hardlink(source: str, target: str) -> None:
    Path(target).hardlink_to(source)


def browser_bytes(site: Path) -> dict[str, int]:
    """Bytes transferred for the home page (everything it loads) and for one search query, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes: dict[str, int] = {}
    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
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
                page.wait_for_load_state("networkidle")
            sizes[name] = sum(loaded)
            page.close()
        browser.close()
    server.shutdown()
    sizes["search query"] = sizes["search page + query"] - sizes["search page"]
    return sizes


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
    measures += builds(data, change_one_record(data), site)

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
            f"peak memory under 3 GB (max {max(m.peak_bytes for m in measures) / 1e9:.2f} GB)",
            all(m.peak_bytes < 3e9 for m in measures),
        ),
        (f"no page over 1 MB (largest {biggest.stat().st_size / 1e3:.0f} KB)", biggest.stat().st_size <= 1_000_000),
    ]
    if not args.skip_browser:
        sizes = browser_bytes(site)
        print("\n" + "  ".join(f"{name}: {n / 1e3:,.0f} KB" for name, n in sizes.items()))
        targets += [
            (
                f"a search query downloads under 300 KB ({sizes['search query'] / 1e3:.0f} KB)",
                sizes["search query"] < 300e3,
            ),
            (f"home page under 500 KB in all ({sizes['home page'] / 1e3:.0f} KB)", sizes["home page"] < 500e3),
        ]
    print()
    for text, met in targets:
        print(f"{'met    ' if met else 'NOT MET'}  {text}")
    (OUT / "last.json").write_text(
        json.dumps([m.__dict__ for m in measures] + [{"target": t, "met": met} for t, met in targets], indent=2) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
