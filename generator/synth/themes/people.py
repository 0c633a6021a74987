"""Trades that serve people: interpreting, health staffing, courses, housing, health and social care.

Every CPV code here was checked against published CPV 2008 lists (code and check digit).
"""

from __future__ import annotations

from generator.synth.names import FYLKE, HELSE, KOMMUNE, SENTRAL, STAT
from generator.synth.themes.theme import Theme

TOLK = Theme(
    "tolk",
    "tolketjenester",
    "Interpreting",
    "79540000-1",
    (KOMMUNE, STAT, HELSE, SENTRAL),
    150_000,
    (0.45, 0.35, 0.15, 0.05),
    ("Tolk", "Tolketjenester", "Språktjenester", "Oversettelse", "Translatørbyrå"),
    (
        ("fremmote", "Fremmøtetolking", "79540000-1"),
        ("skjermtolking", "Skjermtolking", "79540000-1"),
        ("telefontolking", "Telefontolking", "79540000-1"),
        ("tegnsprak", "Tegnspråktolking", "79540000-1"),
        ("skriftlig", "Skriftlig oversettelse", "79530000-8"),
        ("helse", "Tolking i helse- og omsorgstjenesten", "79540000-1"),
        ("rettsvesen", "Tolking i rettsvesenet og politiet", "79540000-1"),
        ("sjeldne-sprak", "Tolking på sjeldne språk", "79540000-1"),
        ("translator", "Statsautorisert translatør", "79530000-8"),
    ),
    (
        "Tolking ved {unit} {year}",
        "Skjermtolking for {unit}",
        "Oversettelse av informasjonsmateriell til {language}",
        "Tolking i foreldremøter, {place}",
        "Tolking på {language} for {unit}",
    ),
)

HELSEVIKAR = Theme(
    "helsevikar",
    "helsevikartjenester",
    "Staffing",
    "79620000-6",
    (KOMMUNE, STAT, HELSE, SENTRAL),
    700_000,
    (0.15, 0.35, 0.3, 0.2),
    ("Vikar", "Bemanning", "Helsebemanning", "Medical", "Personal"),
    (
        ("sykepleiere", "Sykepleiere", "79624000-4"),
        ("spesialsykepleiere", "Spesialsykepleiere", "79624000-4"),
        ("leger", "Leger", "79625000-1"),
        ("legevakt", "Legevaktleger", "79625000-1"),
        ("helsefagarbeidere", "Helsefagarbeidere", "79620000-6"),
        ("jordmodre", "Jordmødre", "79624000-4"),
        ("kontor", "Kontor- og administrasjonsvikarer", "79620000-6"),
        ("miljoarbeidere", "Miljøarbeidere", "79620000-6"),
    ),
    (
        "Sykepleiervikarer til {unit}, {place}",
        "Legevaktlege, sommeren {year}",
        "Helsefagarbeidere til {unit}",
        "Vikarer i ferieavviklingen {year}",
        "Jordmorvikar til {unit}",
    ),
)

KURS = Theme(
    "kurs",
    "kurs og opplæring",
    "Training",
    "80500000-9",
    (KOMMUNE, FYLKE, STAT, HELSE, SENTRAL),
    250_000,
    (0.45, 0.35, 0.15, 0.05),
    ("Kurs", "Kompetanse", "Opplæring", "Akademi", "Læring"),
    (
        ("yrkesopplaering", "Yrkesrettet opplæring", "80530000-8"),
        ("fagkurs", "Fagkurs", "80510000-2"),
        ("norsk", "Norskopplæring", "80500000-9"),
        ("lederutvikling", "Lederutvikling", "80510000-2"),
        ("hms", "HMS-kurs", "80510000-2"),
        ("digital", "Digital kompetanse", "80500000-9"),
        ("forstehjelp", "Førstehjelpskurs", "80510000-2"),
        ("arbeidsrettet", "Arbeidsrettede kurs", "80530000-8"),
    ),
    (
        "Fagkurs for ansatte i {unit}",
        "Lederutviklingsprogram {year}",
        "Norskkurs for ansatte i {unit}",
        "Førstehjelpskurs, {place}",
        "Kurs i digital kompetanse for {unit}",
    ),
)

OVERNATTING = Theme(
    "overnatting",
    "overnatting og midlertidige botilbud",
    "Accommodation",
    "98341000-5",
    (KOMMUNE, STAT, HELSE, SENTRAL),
    300_000,
    (0.4, 0.35, 0.15, 0.1),
    ("Hotell", "Overnatting", "Gjestehus", "Pensjonat", "Losji"),
    (
        ("hotell", "Hotellovernatting", "55110000-4"),
        ("akuttbolig", "Midlertidig botilbud", "98341000-5"),
        ("konferanse", "Kurs- og konferanseopphold", "55110000-4"),
        ("langtid", "Langtidsopphold", "98341000-5"),
        ("pasienthotell", "Pasienthotell", "55110000-4"),
        ("familie", "Overnatting for familier", "98341000-5"),
        ("ungdom", "Botilbud for ungdom", "98341000-5"),
        ("beredskap", "Beredskapsplasser", "98341000-5"),
    ),
    (
        "Midlertidig botilbud i {place}, {year}",
        "Hotellovernatting for {unit}",
        "Konferanseopphold for {unit}, {year}",
        "Beredskapsplasser i {place}",
    ),
)

HELSE_SOSIAL = Theme(
    "helse-sosial",
    "helse- og sosialtjenester",
    "Care",
    "85310000-5",
    (KOMMUNE, STAT, HELSE, SENTRAL),
    2_000_000,
    (0.2, 0.4, 0.3, 0.1),
    ("Omsorg", "Helse", "Omsorgstjenester", "Barnevern", "Avlastning", "Miljøterapi"),
    (
        ("institusjon", "Barneverninstitusjoner", "85311000-2"),
        ("avlastning", "Avlastning", "85312000-9"),
        ("bpa", "Brukerstyrt personlig assistanse", "85312000-9"),
        ("fosterhjem", "Forsterkede fosterhjem", "85311000-2"),
        ("helsetjenester", "Helsetjenester", "85100000-0"),
        ("rus", "Rus og psykisk helse", "85311000-2"),
        ("veiledning", "Veiledning og oppfølging", "85312300-2"),
        ("sosiale", "Sosiale tjenester", "85320000-8"),
    ),
    (
        "Avlastningstilbud for barn i {place}",
        "Institusjonsplass, {year}",
        "BPA-ordning i {place}",
        "Oppfølging av ungdom i {place}",
        "Helsetjenester for {unit}",
    ),
)
