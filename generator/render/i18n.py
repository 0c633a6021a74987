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
