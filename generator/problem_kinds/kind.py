"""What a kind of problem is: an id, a severity, the rule in two languages, how to fix it, where it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of problem: the rule a record keeps, stated in bokmål and English, and how to mend a breach.

    >>> Kind("encoding", "error", nb="…", en="A record file is UTF-8 text", hint_nb="…", hint_en="…").source
    ''
    """

    id: str  # the `rule` of every Problem of this kind: stable, since reports and scripts match on it
    severity: Severity  # errors stop publishing; warnings are published as signals
    nb: str  # the rule, as what a record keeps
    en: str
    hint_nb: str  # how to fix a record that breaks it
    hint_en: str
    source: str = ""  # the law, standard or design section it comes from, where there is one


def thousands(number: int, lang: str) -> str:
    """A whole number as each language writes it.

    >>> thousands(1_000_000, "nb"), thousands(1_000_000, "en")
    ('1 000 000', '1,000,000')
    """
    return f"{number:,}".replace(",", " " if lang == "nb" else ",")
