"""Generated parts of hand-written pages: the rules table, the indicator definitions, the fictional-data note."""

from __future__ import annotations

import os
import re
from pathlib import Path

from markupsafe import Markup

from generator.problem_kinds import GROUPS

INCLUDE = re.compile(r'<div class="dps-include" data-include="([a-z-]+)"></div>')


def rules_table(lang: str) -> Markup:
    head = (
        ("Regel", "Alvor", "Hva den sjekker", "Kilde")
        if lang == "nb"
        else ("Rule", "Severity", "What it checks", "Source")
    )
    rows = Markup("").join(
        Markup("<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            r.id, r.severity, r.nb if lang == "nb" else r.en, r.source
        )
        for r in GROUPS["rules"]
    )
    header = Markup("").join(Markup("<th>{}</th>").format(h) for h in head)
    return Markup("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(header, rows)


def fill_includes(built: Path, includes: dict[str, Markup], other_language: Path | None = None) -> None:
    """Replace include markers in one language's hand-written pages with generated HTML."""
    for folder, dirnames, filenames in os.walk(built):
        if other_language is not None:
            dirnames[:] = [d for d in dirnames if os.path.join(folder, d) != str(other_language)]
        for name in filenames:
            if name.endswith(".html"):
                _fill_includes_of(Path(folder, name), includes)


def _fill_includes_of(page: Path, includes: dict[str, Markup]) -> None:
    text = page.read_text(encoding="utf-8")
    if 'class="dps-include"' in text:
        page.write_text(INCLUDE.sub(lambda m: str(includes.get(m.group(1), "")), text), encoding="utf-8")
