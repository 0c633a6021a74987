"""The market's trades: each theme's CPV code, supplier sizes, categories and call-off titles.

A module by what the trades deliver: people.py (services to people), places.py (buildings, grounds and roads),
supplies.py (goods, transport and expertise). THEMES keeps one fixed order, the order the seeded draws see them
in: a new theme goes at its end, or every dataset drawn before changes.
"""

from __future__ import annotations

from generator.synth.themes.people import HELSE_SOSIAL, HELSEVIKAR, KURS, OVERNATTING, TOLK
from generator.synth.themes.places import HANDVERK, RENHOLD, UTEOMRADER, VAKTHOLD, VEG
from generator.synth.themes.supplies import IT, MAT, MEDISINSK, RADGIVNING, TRANSPORT
from generator.synth.themes.theme import Theme

__all__ = ["THEMES", "Theme"]

THEMES: tuple[Theme, ...] = (
    TOLK,
    RENHOLD,
    TRANSPORT,
    HELSEVIKAR,
    IT,
    HANDVERK,
    MAT,
    UTEOMRADER,
    KURS,
    OVERNATTING,
    RADGIVNING,
    HELSE_SOSIAL,
    MEDISINSK,
    VAKTHOLD,
    VEG,
)
