"""Trades that keep buildings, grounds and roads: cleaning, crafts, outdoor areas, security, roads.

Every CPV code here was checked against published CPV 2008 lists (code and check digit).
"""

from __future__ import annotations

from generator.synth.names import FYLKE, HELSE, KOMMUNE, SENTRAL, STAT
from generator.synth.themes.theme import Theme

RENHOLD = Theme(
    "renhold",
    "renholdstjenester",
    "Cleaning",
    "90910000-9",
    (KOMMUNE, FYLKE, STAT, HELSE, SENTRAL),
    900_000,
    (0.3, 0.35, 0.25, 0.1),
    ("Renhold", "Rengjøring", "Renholdsservice", "Facility", "Vask"),
    (
        ("daglig", "Daglig renhold", "90911200-8"),
        ("kontor", "Kontorrenhold", "90919200-4"),
        ("skoler", "Renhold av skoler og barnehager", "90919300-5"),
        ("vindusvask", "Vindusvask", "90911300-9"),
        ("hovedrengjoring", "Hovedrengjøring", "90911000-6"),
        ("helsebygg", "Renhold av helsebygg", "90911200-8"),
        ("byggrengjoring", "Byggrengjøring etter oppussing", "90911200-8"),
        ("storkjokken", "Renhold av storkjøkken", "90910000-9"),
    ),
    (
        "Renhold av {place} {building}",
        "Hovedrengjøring, {place} {building} {year}",
        "Vindusvask, {place} {building}",
        "Byggrengjøring etter rehabilitering av {place} {building}",
    ),
)

HANDVERK = Theme(
    "handverk",
    "håndverkertjenester",
    "Building",
    "45000000-7",
    (KOMMUNE, FYLKE, STAT, HELSE, SENTRAL),
    800_000,
    (0.35, 0.35, 0.2, 0.1),
    ("Bygg", "Elektro", "Rør", "Maler", "Tømrer", "Entreprenør", "VVS"),
    (
        ("elektro", "Elektroarbeid", "45310000-3"),
        ("ror", "Rørleggerarbeid", "45330000-9"),
        ("maling", "Malerarbeid", "45442100-8"),
        ("tomrer", "Tømrer- og snekkerarbeid", "45400000-1"),
        ("installasjon", "Tekniske installasjoner", "45300000-0"),
        ("vedlikehold", "Vedlikehold av tekniske anlegg", "50700000-2"),
        ("elektromekanisk", "Service på elektriske og mekaniske anlegg", "50710000-5"),
        ("heis", "Heisservice", "50750000-7"),
        ("rehabilitering", "Rehabilitering av bygg", "45200000-9"),
    ),
    (
        "Malerarbeid, {place} {building}",
        "Nytt sanitæranlegg, {place} {building}",
        "Oppgradering av el-anlegget, {place} {building}",
        "Heisservice {year}",
        "Rehabilitering av {place} {building}",
    ),
)

UTEOMRADER = Theme(
    "uteomrader",
    "drift av grøntanlegg og uteområder",
    "Grounds",
    "77310000-6",
    (KOMMUNE, FYLKE, STAT, SENTRAL),
    500_000,
    (0.45, 0.3, 0.15, 0.1),
    ("Anlegg", "Grønt", "Hage", "Park", "Maskin", "Brøyting"),
    (
        ("skjotsel", "Skjøtsel av grøntarealer", "77314000-4"),
        ("snorydding", "Snørydding og strøing", "90620000-9"),
        ("feiing", "Feiing av gater og plasser", "90610000-6"),
        ("planting", "Planting og beplantning", "77310000-6"),
        ("lekeplass", "Vedlikehold av lekeplasser", "77314000-4"),
        ("gravplass", "Drift av gravplasser", "77314000-4"),
        ("avfall", "Avfallsinnsamling", "90511000-2"),
        ("renhold-ute", "Renhold av uteområder", "90600000-3"),
    ),
    (
        "Snørydding ved {place} {building}, vinteren {year}/{next}",
        "Skjøtsel av grøntarealer i {place}",
        "Vårfeiing i {place} {year}",
        "Vedlikehold av lekeplasser i {place}",
    ),
)

VAKTHOLD = Theme(
    "vakthold",
    "vakt- og sikkerhetstjenester",
    "Security",
    "79710000-4",
    (KOMMUNE, FYLKE, STAT, HELSE, SENTRAL),
    400_000,
    (0.25, 0.35, 0.25, 0.15),
    ("Vakt", "Sikkerhet", "Security", "Vekter"),
    (
        ("vakthold", "Vakthold", "79713000-5"),
        ("arrangement", "Sikring av arrangementer", "79710000-4"),
        ("alarm", "Alarmoppfølging", "79710000-4"),
        ("resepsjon", "Resepsjon og adgangskontroll", "79713000-5"),
        ("patrulje", "Patruljering", "79713000-5"),
        ("radgivning", "Sikkerhetsrådgivning", "79710000-4"),
        ("brannvakt", "Brannvakt", "79713000-5"),
    ),
    (
        "Vakthold ved {place} {building}",
        "Sikring av 17. mai-arrangementet i {place}",
        "Brannvakt under rehabilitering av {place} {building}",
        "Adgangskontroll, {unit}",
    ),
)

VEG = Theme(
    "veg",
    "drift og vedlikehold av veg",
    "Roads",
    "45233140-2",
    (KOMMUNE, FYLKE, STAT),
    1_500_000,
    (0.2, 0.35, 0.3, 0.15),
    ("Maskin", "Anlegg", "Entreprenør", "Graving", "Vei"),
    (
        ("vedlikehold", "Vedlikehold av veg", "45233140-2"),
        ("vinterdrift", "Vinterdrift", "90620000-9"),
        ("feiing", "Feiing og renhold av veg", "90610000-6"),
        ("grontskjotsel", "Grøntskjøtsel langs veg", "77314000-4"),
        ("asfalt", "Asfaltlapping", "45233140-2"),
        ("grofter", "Grøfterensk og drenering", "45233140-2"),
        ("tunnelvask", "Tunnelvask", "90600000-3"),
    ),
    (
        "Asfaltlapping i {place} {year}",
        "Vinterdrift {place}, {year}/{next}",
        "Grøfterensk langs veg i {place}",
        "Tunnelvask {year}",
    ),
)
