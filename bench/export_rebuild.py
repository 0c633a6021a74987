"""The export of a rebuild, alone: what `dps build` does for the downloads, to measure and profile its CPU.

    python bench/export_rebuild.py DATA OUT/NAME --cache CACHE [--previous OUT/EARLIER] [--profile FILE] [--repeat N]

Loads and checks DATA (the load cache in CACHE), makes the model and the indicators, then writes the export into
OUT/NAME as the build's forked process does (the parts in turn, as generator.build.write_parts calls them, sharing
a Shared of the export in --previous and the state kept beside it), and keeps the state beside OUT/NAME for the
next run. Prints the export's CPU seconds (time.process_time). --repeat N: N exports in turn (OUT/NAME, then
OUT/NAME-1, ...), the least CPU of them (the machine is shared). --profile: cProfile's stats (CPU) to FILE.

A one-change rebuild: a first run without --previous (on a hard-linked copy of the data), then one award's title
edited in the copy (unlink, then write), then a run with --previous naming the first run's folder. The state is
trusted only by the code that wrote it: measure old and new code each against a first run of its own.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import time
from pathlib import Path
from typing import Any

from generator.check import validate
from generator.export.downloads import with_manifest, write_ocds_files, write_tables
from generator.export.reuse import Shared, previous_export, save_state
from generator.indicators import compute
from generator.load import Dataset
from generator.model import build_model
from generator.ocds import DEFAULT_PREFIX, OcdsSettings


def state_of(folder: Path) -> Path:
    return folder.with_name(folder.name + ".export.json")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--previous", type=Path)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="exports in turn (OUT/NAME-1, ...): the least CPU")
    args = parser.parse_args()
    dataset, problems = validate(args.data, cache=args.cache)
    model = build_model(dataset)
    indicators = compute(model, problems)
    gc.freeze()  # as the build does before forking its writers
    took = [
        export(dataset, indicators.rows, args.out.with_name(f"{args.out.name}-{n}") if n else args.out, args)
        for n in range(args.repeat)
    ]
    print(f"export CPU {min(took):.2f} s (least of {len(took)}: " + ", ".join(f"{t:.2f}" for t in took) + ")")


def export(dataset: Dataset, indicators: list[dict[str, Any]], out: Path, args: argparse.Namespace) -> float:
    """One export of the rebuild, as the build's forked process writes it; its CPU seconds."""
    previous = previous_export(args.previous, state_of(args.previous)) if args.previous else None
    print("previous export:", "trusted" if previous is not None else "none")
    shared = Shared(previous)
    out.mkdir(parents=True)
    ocds = OcdsSettings(prefix=DEFAULT_PREFIX, site_url="https://example.org/")
    profile = cProfile.Profile(time.process_time) if args.profile else None  # CPU, not wall time
    started = time.process_time()
    if profile is not None:
        profile.enable()
    parts = [
        write_tables(dataset, out, indicators, shared),
        write_ocds_files(dataset, out, indicators, shared, ocds=ocds),
    ]
    written = with_manifest(out, parts)
    if profile is not None:
        profile.disable()
        profile.dump_stats(args.profile)
    took = time.process_time() - started
    print(f"export CPU {took:.2f} s; parts (wall): " + ", ".join(f"{p} {s:.2f} s" for p, s in written.seconds))
    save_state(state_of(out), out, written.states)
    return took


if __name__ == "__main__":
    main()
