"""Word lists for the synthetic data: real Norwegian places and buyers, real CPV codes, invented firms.

Every CPV code here was checked against published CPV 2008 lists (code and check digit).
Buyer names are real public bodies; the generator gives them fictional organisation numbers.
"""

from __future__ import annotations

from typing import NamedTuple


class Theme(NamedTuple):
    key: str  # slug used in scheme ids
    title: str  # "Dynamisk innkjøpsordning for <title>"
    en: str  # trade word for English-named firms
    cpv: str
    kinds: tuple[str, ...]  # buyer kinds that run such schemes
    value: int  # typical call-off value in NOK
    sizes: tuple[float, float, float, float]  # weights of micro, small, medium, large suppliers
    trades: tuple[str, ...]  # words in supplier names
    categories: tuple[tuple[str, str, str], ...]  # (id, title, cpv)
    works: tuple[str, ...]  # call-off titles; fields: place, unit, building, year, next, language, system


KOMMUNE, FYLKE, STAT, HELSE, SENTRAL = "kommune", "fylkeskommune", "statlig", "helseforetak", "innkjopssentral"
KINDS = (KOMMUNE, FYLKE, STAT, HELSE, SENTRAL)

# Kommunenummer in force since the 2020 and 2024 reforms.
MUNICIPALITIES: tuple[tuple[str, str], ...] = (
    ("0301", "Oslo"), ("1101", "Eigersund"), ("1103", "Stavanger"), ("1106", "Haugesund"), ("1108", "Sandnes"),
    ("1111", "Sokndal"), ("1119", "Hå"), ("1120", "Klepp"), ("1121", "Time"), ("1122", "Gjesdal"), ("1124", "Sola"),
    ("1127", "Randaberg"), ("1130", "Strand"), ("1135", "Sauda"), ("1146", "Tysvær"), ("1149", "Karmøy"),
    ("1160", "Vindafjord"), ("1505", "Kristiansund"), ("1506", "Molde"), ("1516", "Ulstein"), ("1520", "Ørsta"),
    ("1525", "Stranda"), ("1528", "Sykkylven"), ("1531", "Sula"), ("1532", "Giske"), ("1535", "Vestnes"),
    ("1539", "Rauma"), ("1563", "Sunndal"), ("1566", "Surnadal"), ("1577", "Volda"), ("1579", "Hustadvika"),
    ("1804", "Bodø"), ("1806", "Narvik"), ("1813", "Brønnøy"), ("1820", "Alstahaug"), ("1824", "Vefsn"),
    ("1832", "Hemnes"), ("1833", "Rana"), ("1860", "Vestvågøy"), ("1865", "Vågan"), ("1870", "Sortland"),
    ("3101", "Halden"), ("3103", "Moss"), ("3105", "Sarpsborg"), ("3107", "Fredrikstad"), ("3201", "Bærum"),
    ("3203", "Asker"), ("3205", "Lillestrøm"), ("3207", "Nordre Follo"), ("3301", "Drammen"), ("3303", "Kongsberg"),
    ("3305", "Ringerike"), ("3401", "Kongsvinger"), ("3403", "Hamar"), ("3405", "Lillehammer"), ("3407", "Gjøvik"),
    ("3411", "Ringsaker"), ("3413", "Stange"), ("3420", "Elverum"), ("3901", "Horten"), ("3903", "Holmestrand"),
    ("3905", "Tønsberg"), ("3907", "Sandefjord"), ("3909", "Larvik"), ("3911", "Færder"), ("4001", "Porsgrunn"),
    ("4003", "Skien"), ("4005", "Notodden"), ("4201", "Risør"), ("4202", "Grimstad"), ("4203", "Arendal"),
    ("4204", "Kristiansand"), ("4205", "Lindesnes"), ("4206", "Farsund"), ("4207", "Flekkefjord"),
    ("4215", "Lillesand"), ("4601", "Bergen"), ("4602", "Kinn"), ("4613", "Bømlo"), ("4614", "Stord"),
    ("4617", "Kvinnherad"), ("4621", "Voss"), ("4624", "Bjørnafjorden"), ("4626", "Øygarden"), ("4627", "Askøy"),
    ("4631", "Alver"), ("4640", "Sogndal"), ("4647", "Sunnfjord"), ("4649", "Stad"), ("5001", "Trondheim"),
    ("5006", "Steinkjer"), ("5007", "Namsos"), ("5025", "Røros"), ("5028", "Melhus"), ("5031", "Malvik"),
    ("5035", "Stjørdal"), ("5037", "Levanger"), ("5038", "Verdal"), ("5059", "Orkland"), ("5501", "Tromsø"),
    ("5503", "Harstad"),
)  # fmt: skip

COUNTIES = (
    "Østfold", "Akershus", "Buskerud", "Innlandet", "Vestfold", "Telemark", "Agder", "Rogaland", "Vestland",
    "Møre og Romsdal", "Trøndelag", "Nordland", "Troms", "Finnmark",
)  # fmt: skip

STATE_AGENCIES = (
    "Statens vegvesen", "Arbeids- og velferdsdirektoratet", "Skatteetaten", "Utlendingsdirektoratet", "Statsbygg",
    "Kriminalomsorgsdirektoratet", "Barne-, ungdoms- og familiedirektoratet", "Helsedirektoratet",
    "Politidirektoratet", "Domstoladministrasjonen", "Kystverket", "Mattilsynet", "Universitetet i Oslo",
    "Universitetet i Bergen", "Norges teknisk-naturvitenskapelige universitet", "UiT Norges arktiske universitet",
    "Direktoratet for forvaltning og økonomistyring", "Forsvarsbygg", "Integrerings- og mangfoldsdirektoratet",
    "Statens pensjonskasse",
)  # fmt: skip

HEALTH_TRUSTS = (
    "Helse Bergen HF", "Oslo universitetssykehus HF", "Helse Stavanger HF", "St. Olavs hospital HF",
    "Universitetssykehuset Nord-Norge HF", "Sykehuset Innlandet HF", "Sørlandet sykehus HF",
    "Helse Møre og Romsdal HF", "Nordlandssykehuset HF", "Akershus universitetssykehus HF", "Vestre Viken HF",
    "Sykehuset Østfold HF", "Sykehuset i Vestfold HF", "Sykehuset Telemark HF", "Helse Førde HF", "Helse Fonna HF",
    "Helse Nord-Trøndelag HF", "Finnmarkssykehuset HF", "Helgelandssykehuset HF", "Sunnaas sykehus HF",
)  # fmt: skip

# Central purchasing bodies and the kind of buyer that calls off from their schemes.
PURCHASING_BODIES = (
    ("Innkjøpssenteret Vest", KOMMUNE), ("Sykehusinnkjøp HF", HELSE), ("Statens innkjøpssenter", STAT),
    ("Innkjøpssamarbeidet Midt", KOMMUNE), ("Innkjøp Nord IKS", KOMMUNE), ("Vestfold innkjøpssamarbeid", KOMMUNE),
    ("Agder innkjøpssamarbeid", KOMMUNE), ("Innlandet innkjøpssamarbeid", KOMMUNE),
)  # fmt: skip

SURNAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen",
    "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl",
    "Jørgensen", "Henriksen", "Lund", "Halvorsen", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand",
    "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakke", "Kristoffersen", "Mathisen", "Lie",
    "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde", "Solheim", "Berge", "Moe", "Nygård", "Bakken", "Kristensen",
    "Fredriksen", "Holm", "Lien", "Ahmed", "Hauge", "Evensen", "Aasen", "Næss", "Myhre", "Sæther", "Ødegård",
    "Brekke", "Tangen", "Aas", "Østby", "Hussain", "Khan", "Nowak", "Kowalski", "Tran", "Haugland", "Røed",
)  # fmt: skip

FIRST_NAMES = (
    "Kari", "Ola", "Ingrid", "Lars", "Nora", "Jonas", "Emma", "Amina", "Olena", "Piotr", "Fatima", "Mohammed",
    "Sara", "Huda", "Tesfay", "Yusuf", "Anna", "Marit", "Øystein", "Åse", "Bjørn", "Solveig", "Leila", "Ivan",
)  # fmt: skip

PREFIXES = (
    "Fjord", "Nord", "Vest", "Sør", "Øst", "Midt", "Berg", "Dal", "Fjell", "Kyst", "Vik", "Nes", "Strand", "Skog",
    "Elve", "Lia", "Haug", "Holm", "Bryggen", "Trygg", "Rask", "Smart", "Proff", "Total", "Klar",
)  # fmt: skip

# Names with characters that markup and YAML treat specially, so every layer must escape them.
SPECIAL_NAMES = ("Berg & Sønn AS", 'Tjenestehuset "Nordlys" AS', "Pedersen's Service AS", "Hjelp <24/7> AS")

FOREIGN = (  # country, id prefix, legal form, name words
    ("SE", "SE-BLV", "AB", ("Nordisk", "Svensk", "Göta", "Skåne", "Mälardalens", "Norrlands", "Västra", "Östra")),
    ("DK", "DK-CVR", "ApS", ("Dansk", "Jysk", "Øresund", "Fyns", "Nordsjællands", "Aarhus", "Sønderjysk")),
    ("GB", "GB-COH", "Ltd", ("Northern", "Albion", "O'Brien", "Thames", "Pennine", "Severn", "Highland", "Mersey")),
)

PLACES = (
    "Åsane", "Fana", "Laksevåg", "Fyllingsdalen", "Madla", "Hinna", "Tasta", "Byåsen", "Heimdal", "Lade",
    "Ranheim", "Tiller", "Grünerløkka", "Sagene", "Frogner", "Stovner", "Holmlia", "Bryn", "Sentrum", "Storhaug",
    "Hundvåg", "Kvaløya", "Hamna", "Mørkved", "Rønvik", "Vågsbygd", "Lund", "Tveit", "Nøtterøy", "Tjølling",
    "Skoppum", "Jessheim", "Lørenskog", "Sandvika", "Stabekk", "Kolbotn", "Ski", "Gulskogen", "Konnerud",
    "Vestsiden", "Nordbyen", "Sørbyen", "Fjellstrand", "Eidsvåg", "Straume", "Kleppestø", "Knarvik", "Os",
)  # fmt: skip

BUILDINGS = (
    "skole", "barnehage", "sykehjem", "rådhus", "bibliotek", "idrettshall", "kulturhus", "helsestasjon",
    "omsorgsbolig", "svømmehall", "ungdomsskole", "brannstasjon", "legevakt", "bo- og servicesenter",
)  # fmt: skip

UNITS = (
    "helsestasjonen", "legevakten", "barnevernstjenesten", "NAV-kontoret", "flyktningtjenesten", "hjemmetjenesten",
    "skolehelsetjenesten", "voksenopplæringen", "PP-tjenesten", "sykehjemmet", "rus- og psykiatritjenesten",
    "servicetorget", "tannhelsetjenesten", "kulturskolen", "bibliotektjenesten", "eiendomsavdelingen",
)  # fmt: skip

HOSPITAL_UNITS = (
    "akuttmottaket", "fødeavdelingen", "barne- og ungdomsklinikken", "medisinsk klinikk", "kirurgisk klinikk",
    "psykiatrisk klinikk", "poliklinikken", "laboratorieklinikken", "pasienthotellet", "intensivavdelingen",
)  # fmt: skip

LANGUAGES = (
    "arabisk", "somali", "tigrinja", "ukrainsk", "polsk", "dari", "persisk", "kurmandsji", "litauisk", "tyrkisk",
)  # fmt: skip

SYSTEMS = (
    "innbyggerportalen", "saksbehandlingssystemet", "timebestillingen", "skoleportalen", "datavarehuset",
    "integrasjonsplattformen", "fagsystemet for barnevern", "nettsidene",
)  # fmt: skip

DESCRIPTIONS = (
    "Oppdraget utføres i tråd med kravspesifikasjonen i konkurransegrunnlaget.",
    "Tildeling skjer etter beste forhold mellom pris og kvalitet.",
    "Leverandøren må kunne starte innen fire uker etter kontraktsinngåelse.",
    "Lønns- og arbeidsvilkår skal være i tråd med allmenngjort tariffavtale.",
    "Det stilles krav om miljøledelse (ISO 14001, Miljøfyrtårn eller tilsvarende).",
    "Kontrakten kan forlenges med inntil ett år.",
    "Oppdraget omfatter også dokumentasjon og rapportering hver måned.",
    "Kvalitet vektes 60 % og pris 40 %.",
    "Leveransen skal skje på dagtid mellom kl. 07:30 og 15:30.",
    "Henvendelser om oppdraget rettes til kontaktpersonen i konkurransegrunnlaget.",
)

SCHEME_NOTES = (
    "Ordningen er åpen for nye leverandører i hele gyldighetsperioden.",
    "Leverandører som oppfyller kvalifikasjonskravene, blir tatt opp i ordningen.",
    "Søknader behandles normalt innen ti virkedager.",
    "Alle leverandører i en kategori inviteres til hver konkurranse.",
    "Ordningen erstatter tidligere rammeavtaler på området.",
)

_MICRO, _SMALL, _MID, _LARGE = 0, 1, 2, 3

THEMES: tuple[Theme, ...] = (
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
    Theme(
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
    ),
)
