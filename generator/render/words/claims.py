"""Words of the three claims (generator.render.claims): the page, the verdicts and what the figures cannot say."""

CLAIM_WORDS: dict[str, tuple[str, str]] = {
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
}
