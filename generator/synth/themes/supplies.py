"""Trades that deliver goods, transport and expertise: transport, IT, catering, consultancy, medical supplies.

Every CPV code here was checked against published CPV 2008 lists (code and check digit).
"""

from __future__ import annotations

from generator.synth.names import FYLKE, HELSE, KOMMUNE, SENTRAL, STAT
from generator.synth.themes.theme import Theme

TRANSPORT = Theme(
    "transport",
    "transporttjenester",
    "Transport",
    "60130000-8",
    (KOMMUNE, FYLKE, HELSE, SENTRAL),
    1_200_000,
    (0.4, 0.35, 0.15, 0.1),
    ("Transport", "Taxi", "Buss", "Skyss", "Turbuss", "Minibuss"),
    (
        ("skoleskyss", "Skoleskyss", "60130000-8"),
        ("tt-transport", "TT-transport", "60140000-1"),
        ("taxi", "Taxitjenester", "60120000-5"),
        ("pasientreiser", "Pasientreiser", "60130000-8"),
        ("rullestol", "Rullestoltransport", "60130000-8"),
        ("minibuss", "Minibuss med sjåfør", "60170000-0"),
        ("turbuss", "Turbuss med sjåfør", "60172000-4"),
        ("dagsenter", "Transport til dagsenter", "60130000-8"),
        ("ekspress", "Ekspresskjøring", "60140000-1"),
    ),
    (
        "Skoleskyss {place}, skoleåret {year}/{next}",
        "Transport til dagsenter i {place}",
        "Pasientreiser fra {place}",
        "Turbuss til leirskole for {place} skole",
        "TT-transport i {place} {year}",
    ),
)

IT = Theme(
    "it",
    "IT-konsulenttjenester",
    "IT",
    "72000000-5",
    (KOMMUNE, FYLKE, STAT, HELSE, SENTRAL),
    1_500_000,
    (0.25, 0.35, 0.25, 0.15),
    ("IT", "Data", "Digital", "Consulting", "Teknologi", "Systemer"),
    (
        ("utvikling", "Systemutvikling", "72200000-7"),
        ("radgivning", "Rådgivning og arkitektur", "72220000-3"),
        ("drift", "Drift og forvaltning", "72500000-0"),
        ("brukerstotte", "Brukerstøtte", "72600000-6"),
        ("data", "Data og analyse", "72300000-8"),
        ("programvare", "Standardprogramvare", "48000000-8"),
        ("prosjektledelse", "Prosjektledelse", "72220000-3"),
        ("sikkerhet", "Informasjonssikkerhet", "72220000-3"),
        ("maskinvare", "Rådgivning om maskinvare", "72100000-6"),
    ),
    (
        "Videreutvikling av {system}",
        "Konsulentbistand til {unit}",
        "Sikkerhetsgjennomgang av {system}",
        "Drift av {system} {year}–{next}",
        "Analyse av data fra {unit}",
    ),
)

MAT = Theme(
    "mat",
    "kantine- og cateringtjenester",
    "Catering",
    "55520000-1",
    (KOMMUNE, FYLKE, STAT, HELSE, SENTRAL),
    400_000,
    (0.4, 0.35, 0.15, 0.1),
    ("Catering", "Mat", "Kjøkken", "Kantine", "Bakeri", "Selskapsmat"),
    (
        ("motemat", "Møtemat", "55520000-1"),
        ("kantine", "Kantinedrift", "55510000-8"),
        ("skolemat", "Skolemat", "55524000-9"),
        ("middag", "Middagslevering til hjemmeboende", "55521200-0"),
        ("tilberedning", "Tilberedning av måltider", "55321000-6"),
        ("servering", "Servering", "55320000-9"),
        ("arrangement", "Mat til arrangementer", "55520000-1"),
        ("institusjon", "Mat til institusjoner", "55321000-6"),
    ),
    (
        "Møtemat til {unit} {year}",
        "Skolemat ved {place} skole",
        "Middagslevering til hjemmeboende i {place}",
        "Servering ved fagdagen {year}",
        "Kantinedrift, {place} {building}",
    ),
)

RADGIVNING = Theme(
    "radgivning",
    "arkitekt- og rådgivertjenester",
    "Consulting",
    "71000000-8",
    (KOMMUNE, FYLKE, STAT, HELSE, SENTRAL),
    600_000,
    (0.3, 0.35, 0.2, 0.15),
    ("Arkitekter", "Rådgivning", "Ingeniør", "Consult", "Plan"),
    (
        ("arkitekt", "Arkitekttjenester", "71200000-0"),
        ("ingenior", "Ingeniørtjenester", "71300000-1"),
        ("prosjektering", "Prosjektering", "71320000-7"),
        ("plan", "Arealplanlegging", "71240000-2"),
        ("byggeledelse", "Byggeledelse og kontroll", "71310000-4"),
        ("miljo", "Miljørådgivning", "90713000-8"),
        ("testing", "Teknisk testing og analyse", "71600000-4"),
        ("juridisk", "Juridisk rådgivning", "79111000-5"),
        ("organisasjon", "Organisasjonsrådgivning", "79410000-1"),
    ),
    (
        "Forprosjekt, {place} {building}",
        "Reguleringsplan for {place} sentrum",
        "Tilstandsvurdering av {place} {building}",
        "Byggeledelse, {place} {building}",
        "Organisasjonsgjennomgang av {unit}",
    ),
)

MEDISINSK = Theme(
    "medisinsk",
    "medisinsk utstyr og forbruksmateriell",
    "Medical",
    "33000000-0",
    (KOMMUNE, HELSE, SENTRAL),
    500_000,
    (0.1, 0.3, 0.3, 0.3),
    ("Medical", "Medisinsk", "Helseprodukter", "Medtek", "Pharma"),
    (
        ("utstyr", "Medisinsk utstyr", "33100000-1"),
        ("forbruk", "Medisinsk forbruksmateriell", "33140000-3"),
        ("legemidler", "Legemidler", "33600000-6"),
        ("hjelpemidler", "Hjelpemidler", "33100000-1"),
        ("sarstell", "Sårstell", "33140000-3"),
        ("laboratorium", "Laboratorieutstyr", "33100000-1"),
        ("smittevern", "Smittevernutstyr", "33140000-3"),
    ),
    (
        "Sårstellprodukter til {unit}",
        "Smittevernutstyr {year}",
        "Medisinsk utstyr til {unit}",
        "Forbruksmateriell til {place} {building}",
    ),
)
