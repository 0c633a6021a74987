"""The export of a rebuild, alone: what `dps build` does for the downloads, to measure and profile its CPU.

    python bench/export_rebuild.py DATA OUT/NAME --cache CACHE [--previous OUT/EARLIER] [--profile FILE]

Loads and checks DATA (the load cache in CACHE), makes the model and the indicators, then writes the export into
OUT/NAME as the build's forked process does (generator.build.write_parts with both parts, a Shared of the previous
export in --previous and the state kept beside it), and keeps the state beside OUT/NAME for the next run. Prints
the export's CPU seconds (time.process_time), per part. --profile: cProfile's stats of the export to FILE.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import time
from pathlib import Path

from generator.check import validate
from generator.export.downloads import with_manifest, write_ocds_files, write_tables
from generator.export.reuse import Shared, previous_export, save_state
from generator.indicators import compute
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
    args = parser.parse_args()
    dataset, problems = validate(args.data, cache=args.cache)
    model = build_model(dataset)
    indicators = compute(model, problems)
    gc.freeze()  # as the build does before forking its writers
    previous = previous_export(args.previous, state_of(args.previous)) if args.previous else None
    print("previous export:", "trusted" if previous is not None else "none")
    shared = Shared(previous)
    args.out.mkdir(parents=True)
    ocds = OcdsSettings(prefix=DEFAULT_PREFIX, site_url="https://example.org/")
    profile = cProfile.Profile(time.process_time) if args.profile else None  # CPU, not wall time
    started = time.process_time()
    if profile is not None:
        profile.enable()
    parts = [
        write_tables(dataset, args.out, indicators.rows, shared),
        write_ocds_files(dataset, args.out, indicators.rows, shared, ocds=ocds),
    ]
    written = with_manifest(args.out, parts)
    if profile is not None:
        profile.disable()
        profile.dump_stats(args.profile)
    took = time.process_time() - started
    print(f"export CPU {took:.2f} s; parts (wall): " + ", ".join(f"{p} {s:.2f} s" for p, s in written.seconds))
    save_state(state_of(args.out), args.out, written.states)


if __name__ == "__main__":
    main()
