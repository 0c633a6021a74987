"""Word lists for the synthetic data: real Norwegian places and buyers, invented firms and prose.

Buyer names are real public bodies; the generator gives them fictional organisation numbers.
"""

from __future__ import annotations

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
