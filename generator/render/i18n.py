"""Interface words in Norwegian bokmål (first) and English, and numbers, amounts and dates as each language writes
them. Record text is never translated.

Every word of the generated pages, charts and indicator panels is in WORDS, one table keyed by word id.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from typing import Literal

from markupsafe import escape

Lang = Literal["nb", "en"]
LANGUAGES: tuple[Lang, ...] = ("nb", "en")

WORDS: dict[str, tuple[str, str]] = {
    # sections
    "home": ("Hjem", "Home"),
    "schemes": ("Ordninger", "Schemes"),
    "buyers": ("Oppdragsgivere", "Buyers"),
    "suppliers": ("Leverandører", "Suppliers"),
    "awards": ("Tildelinger", "Awards"),
    "search": ("Søk", "Search"),
    "downloads": ("Nedlastinger", "Downloads"),
    "about": ("Om DPS", "About DPS"),
    "methodology": ("Metode", "Methodology"),
    "contribute": ("Bidra", "Contribute"),
    "site_name": ("DPS-innsyn", "DPS transparency"),
    "site_description": (
        "Åpne data om dynamiske innkjøpsordninger: ordninger, leverandører som er tatt opp, og tildelinger.",
        "Open data on Dynamic Purchasing Systems: schemes, admitted suppliers and awards.",
    ),
    "fictional": (
        "Dataene på dette nettstedet er oppdiktede eksempeldata. Organisasjonsnumrene tilhører ingen virkelige foretak.",
        "The data on this site is fictional example data. The organisation numbers belong to no real company.",
    ),
    "dps_in_two_lines": (
        "En dynamisk innkjøpsordning (DPS) er en åpen dør til offentlige kontrakter: den har ingen fast lengste "
        "varighet og ingen grense for antall leverandører, og alle som oppfyller kvalifikasjonskravene skal tas opp. "
        "Priser konkurreres fram først når en oppdragsgiver kjøper, i en konkurranse mellom leverandørene som er tatt opp.",
        "A Dynamic Purchasing System (DPS) is an open door to public contracts: it has no fixed maximum duration and "
        "no cap on suppliers, and every supplier that meets the qualification criteria must be admitted. Prices are "
        "competed only when a buyer buys, in a call-off among the admitted suppliers.",
    ),
    # headline figures
    "n_schemes": ("ordninger", "schemes"),
    "n_open": ("åpne for søknader", "open for applications"),
    "n_suppliers": ("leverandører tatt opp", "suppliers admitted"),
    "n_awards": ("tildelinger", "awards"),
    "total_value": ("samlet tildelt verdi", "total value awarded"),
    "newest_schemes": ("Nyeste ordninger", "Newest schemes"),
    "without_buyer_id": (
        "Ikke med i noen oppdragsgivers tall fordi oppdragsgiveren ikke har id (en kunngjøring kan navngi "
        "oppdragsgiveren uten et nummer fra et register vi kan være sikre på)",
        "In no buyer's figures because their buyer has no id (a notice may name its buyer without a number from a "
        "register we can be sure of)",
    ),
    "newest_awards": ("Nyeste tildelinger", "Newest awards"),
    # fields
    "scheme": ("Ordning", "Scheme"),
    "buyer": ("Oppdragsgiver", "Buyer"),
    "supplier": ("Leverandør", "Supplier"),
    "category": ("Kategori", "Category"),
    "categories": ("Kategorier", "Categories"),
    "status": ("Status", "Status"),
    "type": ("Type", "Type"),
    "cpv": ("CPV", "CPV"),
    "cpv_division": ("CPV-hovedgruppe", "CPV division"),
    "published": ("Kunngjort", "Published"),
    "request_deadline": ("Første søknadsfrist", "First request deadline"),
    "valid": ("Gyldig", "Valid"),
    "no_end": ("ingen sluttdato", "no end date"),
    "unknown": ("ukjent", "unknown"),
    "sources": ("Kunngjøringer", "Notices"),
    "notice_version": ("versjon", "version"),
    "admitted_by": ("senest", "no later than"),
    "inferred_from": ("utledet av avrop", "inferred from call-off"),
    "stub_title": ("Bare kjent fra avrop", "Known only from call-offs"),
    "stub_note": (
        "Denne ordningen er bare kjent fra kunngjøringer om avrop som viser til den: kunngjøringen som opprettet den, "
        "er ikke i dataene, så tittel, oppdragsgiver, type, status og gyldighet er ukjent. Importer kunngjøringen",
        "This scheme is known only from call-off notices that point to it: the notice that set it up is not in the "
        "data, so its title, buyer, type, status and validity are unknown. Import the notice",
    ),
    "stub_note_end": ("for å fullføre den (dps import).", "to complete it (dps import)."),
    "estimated_value": ("Anslått verdi", "Estimated value"),
    "notices": ("Kunngjøringer", "Notices"),
    "terminated": ("Avsluttet", "Terminated"),
    "open_for_applications": ("Åpen for søknader", "Open for applications"),
    "yes": ("ja", "yes"),
    "no": ("nei", "no"),
    "all": ("alle", "all"),
    "title": ("Tittel", "Title"),
    "invited": ("Invitert", "Invited"),
    "tender_deadline": ("Tilbudsfrist", "Tender deadline"),
    "awarded": ("Tildelt", "Awarded"),
    "invited_count": ("Inviterte", "Invited"),
    "tenders": ("Tilbud", "Tenders"),
    "sme_tenders": ("Tilbud fra SMB", "SME tenders"),
    "value": ("Verdi", "Value"),
    "winners": ("Vinnere", "Winners"),
    "contract": ("Kontrakt", "Contract"),
    "year": ("År", "Year"),
    "requested": ("Søkt", "Requested"),
    "admitted": ("Tatt opp", "Admitted"),
    "left": ("Gått ut", "Left"),
    "size": ("Størrelse", "Size"),
    "country": ("Land", "Country"),
    "municipality": ("Kommune", "Municipality"),
    "org_id": ("Organisasjons-id", "Organisation id"),
    "admitted_suppliers": ("Leverandører tatt opp", "Admitted suppliers"),
    "admissions": ("Opptak", "Admissions"),
    "awards_won": ("Tildelinger vunnet", "Awards won"),
    "value_won": ("Verdi vunnet", "Value won"),
    "top_suppliers": ("Største leverandører", "Top suppliers"),
    "source_yaml": ("Kildefil (YAML)", "Source file (YAML)"),
    "all_awards_by_year": ("Alle tildelinger per år", "All awards by year"),
    "latest_awards": ("Siste tildelinger", "Latest awards"),
    "explore_these": ("Filtrer, sorter og last ned disse tildelingene", "Filter, sort and download these awards"),
    "scheme_downloads": ("Last ned data for ordningen", "Download the scheme's data"),
    "filter": ("Filtrer", "Filter"),
    "filter_rows": ("Filtrer rader", "Filter rows"),
    "min_value": ("Minste verdi", "Minimum value"),
    "max_value": ("Største verdi", "Maximum value"),
    "page": ("Side", "Page"),
    "pages": ("Sider", "Pages"),
    "rows": ("rader", "rows"),
    "none_yet": ("Ingen ennå.", "None yet."),
    "cancelled_award": ("avlyst", "cancelled"),
    "search_hint": (
        "Søk etter navn, organisasjonsnummer, CPV-kode eller tittel",
        "Search by name, organisation number, CPV code or title",
    ),
    "search_nojs": (
        "Søket krever JavaScript. Listene over ordninger, oppdragsgivere og leverandører virker uten.",
        "Search needs JavaScript. The lists of schemes, buyers and suppliers work without it.",
    ),
    "file": ("Fil", "File"),
    "format": ("Format", "Format"),
    "resource": ("Tabell", "Table"),
    "bytes": ("Størrelse", "Size"),
    "field": ("Felt", "Field"),
    "description": ("Beskrivelse", "Description"),
    "licence": ("Lisens", "Licence"),
    "explorer_intro": (
        "Velg et år. Tabellene kan sorteres og filtreres etter ordning, oppdragsgiver, leverandør og verdi.",
        "Choose a year. The tables sort and filter by scheme, buyer, supplier and value.",
    ),
    "awards_in": ("Tildelinger", "Awards"),
    "sme": ("SMB", "SME"),
    "micro": ("mikro", "micro"),
    "small": ("liten", "small"),
    "medium": ("mellomstor", "medium"),
    "large": ("stor", "large"),
    "active": ("aktiv", "active"),
    "pending": ("ikke startet", "pending"),
    "cancelled": ("avlyst", "cancelled"),
    "closed": ("lukket", "closed"),
    "open": ("åpen", "open"),
    "schemes_intro": (
        "Alle ordninger. Tabellen kan sorteres og filtreres på oppdragsgiver, status, CPV-hovedgruppe og om ordningen er åpen for søknader.",
        "All schemes. The table sorts and filters by buyer, status, CPV division and whether the scheme is open for applications.",
    ),
    "filter_type": ("Type", "Type"),
    "n_awards_title": ("Tildelinger", "Awards"),
    "by_year": ("Per år", "By year"),
    "award": ("Tildeling", "Award"),
    "award_id": ("Id", "Id"),
    "invited_lc": ("inviterte", "invited"),
    "buyer_no_schemes": (
        "Ingen egne ordninger; bruker andres åpne ordninger.",
        "No schemes of its own; buys through others' open schemes.",
    ),
    "value_split_note": (
        "En tildeling til flere leverandører er delt likt mellom dem. Bare verdier i NOK.",
        "An award to several suppliers is split equally between them. Values in NOK only.",
    ),
    "newest_n_of": ("Viser de nyeste", "Showing the newest"),
    "downloads_intro": (
        "Alle data kan lastes ned som en Frictionless-datapakke (CSV), som Excel-arbeidsbok, som SQLite-database og som JSON. Hver ordning har også sine egne filer på sin side.",
        "All data can be downloaded as a Frictionless data package (CSV), as an Excel workbook, as a SQLite database and as JSON. Each scheme also has its own files on its page.",
    ),
    "downloads_csv_formulas": (
        "CSV-filene har teksten nøyaktig slik den er skrevet, også tekst som begynner med =, +, - eller @, som et regneark kan kjøre som en formel hvis CSV-filen åpnes direkte; åpne heller Excel-filen (der er all tekst tekst).",
        "The CSV files hold text exactly as written, including text that starts with =, +, - or @, which a spreadsheet program may run as a formula if the CSV file is opened directly; open the Excel file instead (there every text is text).",
    ),
    "version": ("Versjon", "Version"),
    "whole_package": ("Hele datapakken", "The whole package"),
    "ocds_downloads": (
        "OCDS-filene (ocds-releases.json og ocds-compiled.jsonl) er de samme dataene i Open Contracting Data Standard 1.1, som Open Contracting Partnerships verktøy (Cardinal, ocdskit, Kingfisher) leser: hver ordning er en prosess der opptakene er tildelinger og kategoriene delkontrakter, og hvert avrop er en egen prosess som peker tilbake til ordningen. Noen felt har ingen plass i OCDS og er utelatt; metodesiden forklarer modellen og hva som er utelatt.",
        "The OCDS files (ocds-releases.json and ocds-compiled.jsonl) are the same data in the Open Contracting Data Standard 1.1, which the Open Contracting Partnership's tools (Cardinal, ocdskit, Kingfisher) read: each scheme is a process whose admissions are awards and whose categories are lots, and each call-off is a process of its own that points back to its scheme. Some fields have no place in OCDS and are left out; the methodology page explains the model and what is left out.",
    ),
    "per_scheme_note": (
        "Filene per ordning står på ordningens side. Liste over alle filer med kontrollsummer:",
        "The files per scheme are on each scheme's page. List of every file with checksums:",
    ),
    "fields": ("Felt i hver tabell", "Fields of each table"),
    "indicators": ("Indikatorer", "Indicators"),
    "added": ("lagt til", "added"),
    "last_changed": ("sist endret", "last changed"),
    "history": ("historikk", "history"),
    "changes": ("Endringer", "Changes"),
    "changes_intro": (
        "De nyeste endringene i dataene, fra git-historikken.",
        "The newest changes to the data, from the git history.",
    ),
    "no_history": (
        "Dataene ligger ikke i git, så det finnes ingen historikk å vise.",
        "The data is not in git, so there is no history to show.",
    ),
    "date": ("Dato", "Date"),
    "change": ("Endring", "Change"),
    "record": ("Post", "Record"),
    "added_kind": ("lagt til", "added"),
    "modified": ("endret", "changed"),
    "deleted": ("fjernet", "removed"),
    "feeds": ("Nyhetsstrømmer (Atom)", "Feeds (Atom)"),
    "feed_schemes": ("nye ordninger", "new schemes"),
    "feed_awards": ("nye tildelinger", "new awards"),
    "feed_admissions": ("nye opptak", "new admissions"),
    "indicators_intro": (
        "Leverer ordningene åpenhet, plass for små bedrifter og konkurranse? Tallene for alle ordninger, hver oppdragsgiver og hver ordning.",
        "Do the schemes deliver openness, room for small firms and competition? The figures for all schemes, each buyer and each scheme.",
    ),
    "compare_schemes": ("Ordningene side om side", "The schemes side by side"),
    "compare_buyers": ("Oppdragsgiverne side om side", "The buyers side by side"),
    "indicator_download": (
        "Alle indikatorene kan lastes ned som tabellen",
        "Every indicator can be downloaded as the table",
    ),
    "home_title": ("Dynamiske innkjøpsordninger i tall", "Dynamic Purchasing Systems in figures"),
    # indicator panels (generator.render.indicators)
    "indicator": ("Indikator", "Indicator"),
    "sample": ("Utvalg (n)", "Sample (n)"),
    "signals": ("Signaler om regeletterlevelse", "Compliance signals"),
    "red_flags": ("Røde flagg fra Cardinal", "Red flags from Cardinal"),
    "red_flags_intro": (
        "Open Contracting Partnerships verktøy Cardinal beregner røde flagg fra OCDS-data. To av dem kan beregnes fra tallene vi har om avropene; her er de regnet slik Cardinal definerer dem, på OCDS-filen vi publiserer.",
        "The Open Contracting Partnership's tool Cardinal computes red flags from OCDS data. Two of them can be computed from the counts we hold about the call-offs; here they are computed as Cardinal defines them, on the OCDS file we publish.",
    ),
    "red_flags_note": (
        "Sammenlignet med våre egne tall på de samme dataene: R018 flagger {r018} av {r018_n} avrop som oppgir antall tilbud, mens andelen avrop med bare ett tilbud teller {single} av {single_n}; forskjellen er avlyste avrop, som Cardinal teller og vi holder utenfor. R003 med ordningens minstefrist på 10 dager flagger {r003} av {r003_n} avrop, og advarselen tender-period gjelder {warnings} av {warnings_n}: de måler det samme, dager fra invitasjon til tilbudsfrist. Med Cardinals standardterskel på 15 dager ville R003 flagge flere avrop enn loven krever.",
        "Compared with our own figures on the same data: R018 flags {r018} of {r018_n} call-offs that state the number of tenders, while the share of single-tender call-offs counts {single} of {single_n}; the difference is cancelled call-offs, which Cardinal counts and we leave out. R003 with a DPS's 10-day minimum flags {r003} of {r003_n} call-offs, and the tender-period warning concerns {warnings} of {warnings_n}: they measure the same thing, days from invitation to tender deadline. With Cardinal's default threshold of 15 days, R003 would flag call-offs the law allows.",
    ),
    "signals_intro": (
        "Advarsler fra kontrollene. En advarsel sier ikke i seg selv at regelverket er brutt: "
        "det kan finnes en god grunn som dataene ikke viser.",
        "Warnings from the checks. A warning does not by itself say the law was broken: "
        "there may be a good reason the data does not show.",
    ),
    "rule": ("Regel", "Rule"),
    "count": ("Antall", "Count"),
    "records": ("Poster", "Records"),
    "no_signals": ("Ingen advarsler.", "No warnings."),
    "formula": ("Formel", "Formula"),
    "unit": ("Enhet", "Unit"),
    "min_n": ("Minste utvalg", "Minimum sample"),
    "needs": ("Bygger på", "Needs"),
    "caveats": ("Forbehold", "Caveats"),
    "for_every_indicator": ("Gjelder alle indikatorene", "For every indicator"),
    "chart_data_table": ("Tallene bak diagrammet", "The figures behind the chart"),
    # the three claims (generator.render.claims): the page, the verdicts and what the figures cannot say
    "claims_title": ("Tre påstander, sjekket", "Three claims, checked"),
    "claims_intro": (
        "En DPS fremmes med tre påstander. Her er hva dataene viser om hver av dem, for alle ordningene; hver ordnings side viser det samme for ordningen. Tallene er indikatorer fra nedlastingen indicators.csv, definert på metodesiden, og hvert tall står med utvalget det bygger på (n).",
        "A DPS is promoted with three claims. Here is what the data shows about each, for all schemes; each scheme's page shows the same for that scheme. The figures are indicators from the indicators.csv download, defined on the methodology page, and each is shown with the sample it rests on (n).",
    ),
    "claims_promise": (
        "Løftet bak dem: flere små og mellomstore bedrifter i offentlige markeder, og konkurranse som holder seg.",
        "The promise behind them: more small and medium-sized firms in public markets, and competition that stays alive.",
    ),
    "claims_teaser": (
        "En dør som aldri lukkes, åpen for alle kvalifiserte, en lavere terskel: hva dataene viser om hver påstand.",
        "A door that never closes, open to every qualified supplier, a lower threshold: what the data shows about each claim.",
    ),
    "claims_here": ("De tre påstandene her", "The three claims here"),
    "claims_figures": ("De tre påstandene: tallene", "The three claims: the figures"),
    "claims_all_schemes": ("Alle ordningene", "All schemes"),
    "verdict": ("Hva dataene viser", "What the data shows"),
    "cannot_say": ("Hva tallene ikke kan si", "What the figures cannot say"),
    "to_figures": ("tallene", "the figures"),
    "claim_door": ("En dør som aldri lukkes", "A door that never closes"),
    "claim_door_text": (
        "En DPS har ingen fast lengste varighet, og leverandører kan søke om å bli tatt opp når som helst mens den løper.",
        "A DPS has no fixed maximum duration, and suppliers may apply to join at any time while it runs.",
    ),
    "claim_open": ("Åpen for alle kvalifiserte leverandører", "Open to every qualified supplier"),
    "claim_open_text": (
        "En DPS har ingen grense for antall leverandører: alle som oppfyller kvalifikasjonskravene, skal tas opp, så et avrop kan nå langt flere enn en rammeavtale.",
        "A DPS has no cap on suppliers: every one that meets the qualification criteria must be admitted, so a call-off can reach far more than a framework agreement.",
    ),
    "claim_threshold": ("En lavere terskel for å delta", "A lower threshold to take part"),
    "claim_threshold_text": (
        "Opptak skjer på kvalifikasjon alene, uten pris, så små og mellomstore bedrifter skal lettere komme inn, gi tilbud og vinne.",
        "Admission is by qualification alone, without a price, so small and medium-sized firms should find it easier to get in, tender and win.",
    ),
    "door_all": (
        "Alle de {n} løpende ordningene tok opp minst én ny leverandør i de 12 månedene fram til {date}.",
        "All {n} running schemes admitted at least one new supplier in the 12 months to {date}.",
    ),
    "door_most": (
        "De fleste løpende ordningene, {k} av {n}, tok opp minst én ny leverandør i de 12 månedene fram til {date}.",
        "Most running schemes, {k} of {n}, admitted at least one new supplier in the 12 months to {date}.",
    ),
    "door_few": (
        "{k} av {n} løpende ordninger, halvparten eller færre, tok opp en ny leverandør i de 12 månedene fram til {date}.",
        "{k} of {n} running schemes, half or fewer, admitted a new supplier in the 12 months to {date}.",
    ),
    "door_none": (
        "Ingen av de {n} løpende ordningene tok opp en ny leverandør i de 12 månedene fram til {date}.",
        "None of the {n} running schemes admitted a new supplier in the 12 months to {date}.",
    ),
    "life_years": (
        "Ordningene tok opp {first} leverandører i året hver i sitt første leveår, og {last} i sitt år {k} ({n} ordninger har nådd det).",
        "Schemes admitted {first} suppliers a year each in the first year of their life, and {last} in year {k} of their life ({n} schemes have reached it).",
    ),
    "life_years_first": (
        "Ordningene tok opp {first} leverandører i året hver i sitt første leveår ({n} ordninger); for få har nådd et senere år til å sammenligne (minst {min} trengs).",
        "Schemes admitted {first} suppliers a year each in the first year of their life ({n} schemes); too few have reached a later year to compare (at least {min} are needed).",
    ),
    "door_thin": (
        "For få løpende ordninger har kjente opptaksdatoer for de 12 månedene fram til {date} til å si om de fortsatt tar opp nye leverandører ({n}; minst 5 trengs).",
        "Too few running schemes have known admission dates for the 12 months to {date} to say whether they still admit new suppliers ({n}; at least 5 are needed).",
    ),
    "age_many": (
        "Medianordningen har løpt i {age} år, og {k} av {n} har løpt lenger enn de fire årene en rammeavtale kan vare.",
        "The median scheme has run for {age} years, and {k} of {n} have run longer than the four years a framework agreement may last.",
    ),
    "age_many_all": (
        "Medianordningen har løpt i {age} år, og alle de {n} har løpt lenger enn de fire årene en rammeavtale kan vare.",
        "The median scheme has run for {age} years, and all {n} have run longer than the four years a framework agreement may last.",
    ),
    "age_many_none": (
        "Medianordningen har løpt i {age} år, og ingen av de {n} har løpt lenger enn de fire årene en rammeavtale kan vare.",
        "The median scheme has run for {age} years, and none of the {n} has run longer than the four years a framework agreement may last.",
    ),
    "age_median": (
        "Medianordningen har løpt i {age} år ({n} ordninger med kjent start).",
        "The median scheme has run for {age} years ({n} schemes with a known start).",
    ),
    "age_one": ("Ordningen har løpt i {age} år.", "The scheme has run for {age} years."),
    "age_one_long": (
        "Ordningen har løpt i {age} år, lenger enn de fire årene en rammeavtale kan vare.",
        "The scheme has run for {age} years, longer than the four years a framework agreement may last.",
    ),
    "time_known": (
        "Median tid til opptak var {days} virkedager; {k} av {n} opptak med søknadsdato ble gjort innen 10 virkedager.",
        "The median time to admission was {days} working days; {k} of {n} admissions with a request date were made within 10 working days.",
    ),
    "time_known_all": (
        "Median tid til opptak var {days} virkedager; alle de {n} opptakene med søknadsdato ble gjort innen 10 virkedager.",
        "The median time to admission was {days} working days; all {n} admissions with a request date were made within 10 working days.",
    ),
    "time_known_none": (
        "Median tid til opptak var {days} virkedager; ingen av de {n} opptakene med søknadsdato ble gjort innen 10 virkedager.",
        "The median time to admission was {days} working days; none of the {n} admissions with a request date was made within 10 working days.",
    ),
    "time_thin": (
        "For få opptak har søknadsdato til å si noe om tiden til opptak ({n}; minst 5 trengs).",
        "Too few admissions have a request date to give the time to admission ({n}; at least 5 are needed).",
    ),
    "scheme_door_none": (
        "Ingen opptak ble gjort i de 12 månedene fram til {date}.",
        "No admission was made in the 12 months to {date}.",
    ),
    "scheme_door_one": (
        "Ett opptak ble gjort i de 12 månedene fram til {date}.",
        "One admission was made in the 12 months to {date}.",
    ),
    "scheme_door_some": (
        "{k} opptak ble gjort i de 12 månedene fram til {date}.",
        "{k} admissions were made in the 12 months to {date}.",
    ),
    "scheme_door_unknown": (
        "Om noen ble tatt opp i de 12 månedene fram til {date}, er ukjent: opptak som bare er kjent som «senest» en dato: {u}.",
        "Whether anyone was admitted in the 12 months to {date} is unknown: admissions known only as “no later than” a date: {u}.",
    ),
    "peers_median": (
        "Sammenlignbare ordninger (andre løpende ordninger i CPV-hovedgruppe {division}: {n}) har en median på {m}.",
        "Comparable schemes (other running schemes in CPV division {division}: {n}) have a median of {m}.",
    ),
    "peers_too_few": (
        "Ingen sammenligning: sammenlignbare ordninger med dette tallet (andre løpende ordninger i CPV-hovedgruppe {division}): {n}; minst {min} trengs.",
        "No comparison: comparable schemes with this figure (other running schemes in CPV division {division}): {n}; at least {min} are needed.",
    ),
    "peers_no_cpv": (
        "Ingen sammenligning: ordningens CPV-kode er ukjent.",
        "No comparison: the scheme's CPV code is unknown.",
    ),
    "peers_column": ("Sammenlignbare ordninger (median)", "Comparable schemes (median)"),
    "peers_n": ("n =", "n ="),
    "open_all": (
        "I alle de {n} kategoriene kan et avrop nå flere enn {h} leverandører, flere enn de tre til fem i en vanlig rammeavtale.",
        "In all {n} categories a call-off can reach more than {h} suppliers, more than the three to five of a typical framework agreement.",
    ),
    "open_none": (
        "I alle de {n} kategoriene når et avrop {h} leverandører eller færre, ikke flere enn de tre til fem i en vanlig rammeavtale.",
        "In all {n} categories a call-off reaches {h} suppliers or fewer, no more than the three to five of a typical framework agreement.",
    ),
    "open_one_wide": (
        "Den ene kategorien i en løpende ordning med kjent antall kan nå flere enn {h} leverandører i et avrop, flere enn de tre til fem i en vanlig rammeavtale.",
        "The one category of a running scheme with a known count can reach more than {h} suppliers in a call-off, more than the three to five of a typical framework agreement.",
    ),
    "open_one_narrow": (
        "Den ene kategorien i en løpende ordning med kjent antall når {h} leverandører eller færre i et avrop, ikke flere enn de tre til fem i en vanlig rammeavtale.",
        "The one category of a running scheme with a known count reaches {h} suppliers or fewer in a call-off, no more than the three to five of a typical framework agreement.",
    ),
    "open_wide": (
        "I de fleste kategoriene, {k} av {n}, kan et avrop nå flere enn {h} leverandører, flere enn de tre til fem i en vanlig rammeavtale.",
        "In most categories, {k} of {n}, a call-off can reach more than {h} suppliers, more than the three to five of a typical framework agreement.",
    ),
    "open_narrow": (
        "I {rest} av {n} kategorier, halvparten eller flere, når et avrop {h} leverandører eller færre, ikke flere enn de tre til fem i en vanlig rammeavtale.",
        "In {rest} of {n} categories, half or more, a call-off reaches {h} suppliers or fewer, no more than the three to five of a typical framework agreement.",
    ),
    "open_thin": (
        "Hvor mange leverandører et avrop kan nå, kan ikke sies: ingen kategori i en løpende ordning har et kjent antall leverandører.",
        "How many suppliers a call-off can reach cannot be said: no category of a running scheme has a known number of suppliers.",
    ),
    "open_size": (
        "En løpende ordning har en median på {m} leverandører tatt opp nå ({n} ordninger).",
        "A running scheme has a median of {m} suppliers admitted now ({n} schemes).",
    ),
    "open_size_p90": (
        "En løpende ordning har en median på {m} leverandører tatt opp nå; ni av ti har {p} eller færre.",
        "A running scheme has a median of {m} suppliers admitted now; nine in ten have {p} or fewer.",
    ),
    "open_growth": (
        "En løpende ordning som er forbi sitt første leveår, har en median på {g} ganger så mange leverandører som ved slutten av det året ({n} ordninger).",
        "A running scheme past the first year of its life has a median of {g} times the suppliers it had at the end of that year ({n} schemes).",
    ),
    "open_growth_thin": (
        "For få løpende ordninger forbi sitt første leveår har et kjent antall leverandører ved slutten av det til å si hvor mye de har vokst siden ({n}; minst {min} trengs).",
        "Too few running schemes past the first year of their life have a known count of suppliers at its end to say how much they have grown since ({n}; at least {min} are needed).",
    ),
    "left_known": (
        "{k} av {n} leverandører som noen gang er tatt opp, har gått ut.",
        "{k} of {n} suppliers ever admitted have left.",
    ),
    "left_known_all": (
        "Alle de {n} leverandørene som noen gang er tatt opp, har gått ut.",
        "All {n} suppliers ever admitted have left.",
    ),
    "left_known_none": (
        "Ingen av de {n} leverandørene som noen gang er tatt opp, har gått ut.",
        "None of the {n} suppliers ever admitted has left.",
    ),
    "scheme_open_wide": (
        "Leverandører tatt opp nå: {k}, flere enn de tre til fem i en vanlig rammeavtale.",
        "Suppliers admitted now: {k}, more than the three to five of a typical framework agreement.",
    ),
    "scheme_open_narrow": (
        "Leverandører tatt opp nå: {k}, ikke flere enn de tre til fem i en vanlig rammeavtale.",
        "Suppliers admitted now: {k}, no more than the three to five of a typical framework agreement.",
    ),
    "scheme_open_categories": (
        "{k} av {n} kategorier har flere enn {h}.",
        "{k} of {n} categories have more than {h}.",
    ),
    "scheme_open_categories_all": (
        "Alle de {n} kategoriene har flere enn {h}.",
        "All {n} categories have more than {h}.",
    ),
    "scheme_open_categories_none": (
        "Ingen av de {n} kategoriene har flere enn {h}.",
        "None of the {n} categories has more than {h}.",
    ),
    "scheme_open_growth": (
        "Ved slutten av sitt første leveår hadde den {first} leverandører tatt opp; nå har den {now}.",
        "At the end of the first year of its life it had {first} suppliers admitted; now it has {now}.",
    ),
    "threshold_holds": (
        "SMB-andelen holder seg underveis: SMB er {a} av leverandørene som er tatt opp, og vant {v} av den tildelte verdien.",
        "The SME share holds along the way: SMEs are {a} of the admitted suppliers and won {v} of the value awarded.",
    ),
    "threshold_drops": (
        "SMB-andelen faller underveis, fra {a} av leverandørene som er tatt opp, til {v} av den tildelte verdien; mest mellom {start} og {end}.",
        "The SME share drops along the way, from {a} of the admitted suppliers to {v} of the value awarded; most between {start} and {end}.",
    ),
    "threshold_middle": (
        "SMB ga {t} av tilbudene og vant {w} av tildelingene.",
        "SMEs made {t} of the tenders and won {w} of the awards.",
    ),
    "threshold_thin": (
        "SMB-andelen fra opptak til verdi kan ikke følges: leverandører med kjent størrelse {a}, tildelinger med verdi i NOK og vinnere med kjent størrelse {n}; minst 5 av hver trengs.",
        "The SME share from admission to value cannot be followed: suppliers of known size {a}, awards with a value in NOK and winners of known size {n}; at least 5 of each are needed.",
    ),
    "stage_admitted": ("leverandører tatt opp", "admitted suppliers"),
    "stage_tenders": ("tilbud", "tenders"),
    "stage_awards": ("tildelinger", "awards"),
    "stage_value": ("verdi", "value"),
    "single_known": ("{k} av {n} avrop fikk bare ett tilbud.", "{k} of {n} call-offs received a single tender."),
    "single_known_all": ("Alle de {n} avropene fikk bare ett tilbud.", "All {n} call-offs received a single tender."),
    "single_known_none": (
        "Ingen av de {n} avropene fikk bare ett tilbud.",
        "None of the {n} call-offs received a single tender.",
    ),
    "active_known": (
        "{k} av {n} leverandører som er tatt opp, har vunnet minst én gang.",
        "{k} of {n} admitted suppliers have won at least once.",
    ),
    "active_known_all": (
        "Alle de {n} leverandørene som er tatt opp, har vunnet minst én gang.",
        "All {n} admitted suppliers have won at least once.",
    ),
    "active_known_none": (
        "Ingen av de {n} leverandørene som er tatt opp, har vunnet.",
        "None of the {n} admitted suppliers has won.",
    ),
    "top3_hhi": (
        "De tre største leverandørene vant {top3} av verdien (HHI {hhi}).",
        "The three largest suppliers won {top3} of the value (HHI {hhi}).",
    ),
    "top3_known": (
        "De tre største leverandørene vant {top3} av verdien.",
        "The three largest suppliers won {top3} of the value.",
    ),
    "limit_undated": (
        "Opptak som bare er kjent som «senest» en dato, utledet av et avrop i importerte kunngjøringer: {u}. De teller som tatt opp, men ikke i tid til opptak eller opptak per periode, og der de kan falle innenfor de siste 12 månedene, er det tallet tomt. Opptak med kjent dato: {a}.",
        "Admissions known only as “no later than” a date, inferred from a call-off in imported notices: {u}. They count as admitted, but not in the time to admission or in admissions per period, and where they may fall within the last 12 months that count is empty. Admissions with a known date: {a}.",
    ),
    "limit_requested": (
        "{r} av {a} daterte opptak har søknadsdato; tiden til opptak bygger på dem.",
        "{r} of {a} dated admissions have a request date; the time to admission rests on those.",
    ),
    "limit_start": (
        "Alderen bygger på ordningene med kjent start: {s}; en ordning som bare er kjent fra avrop, har ingen kjent start.",
        "The ages rest on the schemes with a known start: {s}; a scheme known only from its call-offs has no known start.",
    ),
    "limit_life_years": (
        "Opptak per år i ordningens levetid utelater de {x} opptakene i ordninger med ukjent start og de {u} som bare er kjent som «senest» en dato; en ordning teller i et år av levetiden med den delen av året den har løpt.",
        "Admissions by year of a scheme's life leave out the {x} admissions to schemes whose start is unknown and the {u} known only as “no later than” a date; a scheme counts in a year of its life for the part of it that it has run.",
    ),
    "limit_applicants": (
        "Dataene viser hvem som er tatt opp, ikke hvem som søkte og fikk avslag: om alle kvalifiserte faktisk slipper inn, kan de ikke si.",
        "The data shows who was admitted, not who applied and was refused: whether every qualified supplier actually gets in, it cannot say.",
    ),
    "limit_unknown_category": (
        "Opptak til ukjent kategori (fra importerte kunngjøringer) teller i ordningen, men i ingen kategori; i en slik ordning er en kategori med fem eller færre leverandører holdt utenfor andelen.",
        "Admissions to an unknown category (from imported notices) count in their scheme but in no category; in such a scheme a category with five suppliers or fewer is left out of the share.",
    ),
    "limit_growth": (
        "Veksten siden første år bygger på de løpende ordningene forbi sitt første leveår der antallet leverandører ved slutten av det er kjent: {g}. En ordning med ukjent start, eller med et opptak som bare er kjent som «senest» en senere dato, er ikke med.",
        "The growth since the first year rests on the running schemes past the first year of their life whose count of suppliers at its end is known: {g}. A scheme of unknown start, or with an admission known only as “no later than” a later date, is left out.",
    ),
    "limit_left": ("At en leverandør har gått ut, sier ikke hvorfor.", "That a supplier has left does not say why."),
    "limit_size": (
        "{k} av {n} leverandører som er tatt opp, har kjent størrelse; resten er ikke med i SMB-andelene.",
        "{k} of {n} admitted suppliers have a known size; the rest are left out of the SME shares.",
    ),
    "limit_tenderers": (
        "Dataene teller tilbud per avrop, ikke hvem som ga dem: en leverandør som ga tilbud uten å vinne, kan ikke skilles fra en som aldri ga tilbud.",
        "The data counts tenders per call-off, not who made them: a supplier that tendered without winning cannot be told from one that never tendered.",
    ),
    "limit_tenders": ("{k} av {n} tildelinger oppgir antall tilbud.", "{k} of {n} awards state the number of tenders."),
    "claim_chart_door": ("Døren: andeler", "The door: shares"),
    "claim_chart_open": ("Leverandører per løpende ordning", "Suppliers per running scheme"),
    "claim_chart_threshold": ("SMB-andelen underveis", "The SME share along the way"),
    "claim_chart_life_years": (
        "Opptak per ordningsår, etter år i ordningens levetid",
        "Admissions per scheme-year, by year of the scheme's life",
    ),
    "life_year_label": ("År {k}", "Year {k}"),
    "scheme_years": ("Ordningsår", "Scheme-years"),
    "schemes_reached": ("Ordninger som har nådd året (n)", "Schemes that have reached the year (n)"),
    "framework_handful": ("En vanlig rammeavtale (høyst)", "A typical framework agreement (at most)"),
    # charts (generator.render.charts, generator.render.indicator_charts): their titles, axes and kinds
    "no-data": ("ingen data", "no data"),
    "too-thin": ("for lite data", "too little data"),
    "chart_line": ("Linjediagram", "Line chart"),
    "chart_bars": ("Stolpediagram", "Bar chart"),
    "chart_histogram": ("Fordeling", "Distribution"),
    "chart_admitted": ("Leverandører tatt opp over tid", "Suppliers admitted over time"),
    "chart_sme": ("SMB-andeler", "SME shares"),
    "chart_tenders": ("Avrop etter antall tilbud", "Call-offs by number of tenders"),
    "chart_top_suppliers": (
        "Største leverandører, andel av tildelt verdi",
        "Largest suppliers, share of value awarded",
    ),
    "axis_year": ("år", "year"),
    "axis_suppliers": ("leverandører", "suppliers"),
    "axis_supplier": ("leverandør", "supplier"),
    "axis_share": ("andel", "share"),
    "axis_measure": ("mål", "measure"),
    "axis_life_year": ("år i ordningens levetid", "year of the scheme's life"),
    "axis_per_year": ("opptak per ordningsår", "admissions per scheme-year"),
    "axis_tenders": ("tilbud", "tenders"),
    "axis_call_offs": ("avrop", "call-offs"),
}


def language(code: str) -> Lang:
    """A language code checked: "nb" or "en".

    >>> language("en")
    'en'
    """
    for lang in LANGUAGES:
        if code == lang:
            return lang
    raise ValueError(f"no language {code!r}: the site is in {', '.join(LANGUAGES)}")


def word(key: str, lang: str) -> str:
    """A word of the interface in a language.

    >>> word("schemes", "nb"), word("schemes", "en")
    ('Ordninger', 'Schemes')
    """
    nb, en = WORDS[key]
    return nb if lang == "nb" else en


@cache
def escaped_words(lang: str) -> dict[str, str]:
    """Every word of one language by id, escaped as Jinja writes `{{ t(key) }}`, for code that writes HTML."""
    return {key: str(escape(nb if lang == "nb" else en)) for key, (nb, en) in WORDS.items()}


def number(value: int | Decimal | None, lang: str) -> str:
    """Thousands grouped as each language writes them; decimals kept as in the record.

    >>> number(-1234567, "en"), number(Decimal("1234.50"), "en"), number(Decimal("-0.50"), "nb")
    ('−1,234,567', '1,234.50', '−0,50')
    """
    # the common cases, formatted by Python's own grouping: millions of figures per language at national scale
    if type(value) is int:
        grouped = f"{value:,}" if lang != "nb" else f"{value:,}".replace(",", "\u00a0")
        return grouped if value >= 0 else "−" + grouped[1:]
    if type(value) is Decimal and value.is_finite():
        grouped = f"{value:,f}" if lang != "nb" else f"{value:,f}".replace(",", "\u00a0").replace(".", ",")
        return grouped if grouped[0] != "-" else "−" + grouped[1:]
    if value is None:
        return "–"
    whole, _, fraction = (str(value) if isinstance(value, int) else f"{value:f}").partition(".")
    sign = "−" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = f"{int(digits):,}".replace(",", "\u00a0" if lang == "nb" else ",")
    if fraction:
        return f"{sign}{groups}{',' if lang == 'nb' else '.'}{fraction}"
    return f"{sign}{groups}"


def money(amount: Decimal | None, currency: str | None, lang: str) -> str:
    return "–" if amount is None else f"{number(amount, lang)}\u00a0{currency or ''}".strip()


def known(value: object, lang: str) -> object:
    """A value as the site shows it: itself, or "unknown" when a record does not know it (never blank, 0 or –)."""
    return word("unknown", lang) if value is None or value == "" else value


def day(value: date | None) -> str:
    return value.isoformat() if value else "–"
