"""Synth: seeded, valid, realistic-looking DPS records at three scales (DESIGN §7).

`synthesize(scale, seed)` builds every record file in memory as (relative path, YAML text), sorted;
`write_dataset(files, out)` writes them. The same scale and seed give byte-identical files: all
randomness comes from one `random.Random(seed)` and nothing iterates a set or depends on hashing.

The market it draws: buyers of five kinds run schemes split into categories (schemes.py); suppliers
are admitted (most within 10 working days, a few late), a few leave (suppliers.py); each call-off
invites every supplier admitted on that day, and bidding and winning follow heavy-tailed supplier
weights, so most admitted suppliers never win and a few win much (awards.py). The trades (CPV codes, categories,
call-off titles) are in themes/, the names of places, buyers and firms in names.py. Organisation numbers
pass mod-11 but start with 1-7, so none is real.
"""

from __future__ import annotations

from pathlib import Path
from random import Random

from generator.authoring.yamlwrite import dump_compact
from generator.synth.awards import award_records
from generator.synth.draw import add_working_days, apportion
from generator.synth.schemes import all_buyers, draw_schemes, scheme_record
from generator.synth.suppliers import admit_suppliers, supplier_record
from generator.synth.world import SCALES, Files, Scale

__all__ = ["SCALES", "Files", "Scale", "add_working_days", "apportion", "synthesize", "write_dataset"]


def _readme(scale: str, seed: int) -> str:
    return (
        "# Fictional data\n\n"
        "Every record here is invented: made by the project's generator with\n"
        f"`dps synth --scale {scale} --seed {seed}`. Buyer names are real public bodies, but their\n"
        "organisation numbers, like every supplier's, are fictional: they pass the mod-11 check and\n"
        "start with 1-7, and no real Norwegian organisation number does.\n"
    )


def synthesize(scale: str, seed: int) -> Files:
    """Every record file of a synthetic dataset, plus a README, as sorted (relative path, text) pairs.

    >>> files = synthesize("tiny", 1)
    >>> files == synthesize("tiny", 1), sum(p.startswith("awards/") for p, _ in files)
    (True, 30)
    """
    size = SCALES[scale]
    rng = Random(seed)
    counters: dict[int, int] = {}  # notice numbers drawn so far, by year
    schemes = draw_schemes(rng, size, all_buyers())
    suppliers = admit_suppliers(rng, size, schemes)
    files = [(f"schemes/{scheme.id}.yaml", dump_compact(scheme_record(rng, scheme, counters))) for scheme in schemes]
    files += [(f"suppliers/{supplier.id}.yaml", dump_compact(supplier_record(supplier))) for supplier in suppliers]
    files += [(path, dump_compact(record)) for path, record in award_records(rng, size, schemes, counters)]
    files.append(("README.md", _readme(scale, seed)))
    return sorted(files)


def write_dataset(files: Files, out_dir: Path) -> int:
    """Write the files under out_dir; return how many record files (YAML) were written."""
    folders: set[Path] = set()
    for relative, text in files:
        path = out_dir / relative
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return sum(1 for relative, _ in files if relative.endswith(".yaml"))
