"""The kinds of problem the domain rules of DESIGN §4 find (generator/check/rules.py), each with its legal source.

`refs` is here although the table schemas' foreign keys find it: the rule is the design's, not a schema's.
"""

from __future__ import annotations

from generator.problem_kinds.kind import Kind

# what a warning's hint ends with: a warning that is right is published as it is
_STANDS_NB = "; stemmer de, publiseres advarselen som et signal"
_STANDS_EN = "; if they are right, the warning is published as a signal"

RULE_KINDS = (
    Kind(
        "scheme-complete",
        "error",
        source="DESIGN §2: a scheme's own notice gives these (eForms BT-21, BT-500, BT-766, BT-262, BT-05)",
        en="A scheme has its title, buyer's name, type, status, main CPV code and publication date, "
        "unless it is known only from call-offs",
        nb="En ordning har tittel, oppdragsgivers navn, type, status, hoved-CPV-kode og kunngjøringsdato, "
        "med mindre den bare er kjent fra avrop",
        hint_en="Add the field from the scheme's notice; a scheme made from call-off notices alone says "
        "`known_only_from_call_offs: true` until its own notice is imported",
        hint_nb="Legg til feltet fra ordningens kunngjøring; en ordning laget bare fra kunngjøringer om avrop sier "
        "`known_only_from_call_offs: true` til dens egen kunngjøring er importert",
    ),
    Kind(
        "admission-date",
        "error",
        source="DESIGN §2: an admission's date is known, or known to lie no later than a call-off",
        en="An admission gives exactly one of admitted (the day) and admitted_by (admitted no later than)",
        nb="Et opptak oppgir nøyaktig én av admitted (dagen) og admitted_by (tatt opp senest)",
        hint_en="Write `admitted` when the day is known (the admission decision); `admitted_by` is for an "
        "admission inferred from a call-off, with its `source` notice",
        hint_nb="Skriv `admitted` når dagen er kjent (opptaksbeslutningen); `admitted_by` er for et opptak "
        "utledet av et avrop, med kunngjøringen i `source`",
    ),
    Kind(
        "award-date",
        "error",
        source="DESIGN §2: an award's year is its invitation's, else its award's",
        en="An award gives the date it was invited or awarded",
        nb="En tildeling oppgir datoen den ble invitert eller tildelt",
        hint_en="Add `invited` or `awarded` from the call-off's notices",
        hint_nb="Legg til `invited` eller `awarded` fra kunngjøringene om avropet",
    ),
    Kind(
        "orgnr",
        "error",
        source="Brønnøysund Register Centre, organisation number check digit (mod 11)",
        en="NO-BRC numbers pass the mod-11 check",
        nb="NO-BRC-numre består mod-11-kontrollen",
        hint_en="Look for a typo, and look the number up in the Central Coordinating Register (brreg.no)",
        hint_nb="Se etter en skrivefeil, og slå opp nummeret i Enhetsregisteret (brreg.no)",
    ),
    Kind(
        "dates",
        "error",
        source="DESIGN §4: the order of events",
        en="Dates come in order: published ≤ request deadline, valid from ≤ valid to, requested ≤ admitted ≤ left, "
        "invited ≤ tender deadline ≤ awarded, contract start ≤ end",
        nb="Datoene kommer i riktig rekkefølge: kunngjort ≤ søknadsfrist, gyldig fra ≤ gyldig til, "
        "søkt ≤ tatt opp ≤ gått ut, invitert ≤ tilbudsfrist ≤ tildelt, kontraktsstart ≤ slutt",
        hint_en="Check the two dates the message names against the notice; often a year is wrong",
        hint_nb="Sjekk de to datoene meldingen nevner, mot kunngjøringen; ofte er et årstall feil",
    ),
    Kind(
        "refs",
        "error",
        source="DESIGN §2: every reference resolves",
        en="Every scheme, category and supplier referenced exists; a category belongs to its scheme",
        nb="Alle ordninger, kategorier og leverandører det vises til, finnes; en kategori hører til sin ordning",
        hint_en="Correct the id, or add the record it refers to",
        hint_nb="Rett id-en, eller legg til posten det vises til",
    ),
    Kind(
        "winner-admitted",
        "error",
        source="Directive 2014/24/EU Art. 34(6); FOA § 26-7",
        en="Each winner was admitted to the scheme and category on the invitation date",
        nb="Hver vinner var tatt opp i ordningen og kategorien på invitasjonsdatoen",
        hint_en="Check the winner's id, and its admission (dates and category) in `data/suppliers/`",
        hint_nb="Sjekk vinnerens id, og opptaket (datoer og kategori) i `data/suppliers/`",
    ),
    Kind(
        "within-validity",
        "error",
        source="Directive 2014/24/EU Art. 34; FOA § 26-5",
        en="Call-offs are invited and awarded within the scheme's validity and before termination",
        nb="Konkurranser inviteres og tildeles mens ordningen gjelder og før den avsluttes",
        hint_en="Check the call-off's dates, and the scheme's period of validity and termination",
        hint_nb="Sjekk konkurransens datoer, og ordningens gyldighetsperiode og avslutning",
    ),
    Kind(
        "counts",
        "error",
        source="eForms BT-759, BT-760",
        en="0 ≤ tenders from SMEs ≤ tenders ≤ suppliers invited",
        nb="0 ≤ tilbud fra SMB ≤ tilbud ≤ inviterte leverandører",
        hint_en="Check the three counts against the award notice",
        hint_nb="Sjekk de tre tallene mot tildelingskunngjøringen",
    ),
    Kind(
        "terminated",
        "error",
        source="FOA § 26-5",
        en="A terminated scheme has a termination date and notice",
        nb="En avsluttet ordning har dato og kunngjøring for avslutningen",
        hint_en="Add `terminated.date` and `terminated.notice` (the notice's number)",
        hint_nb="Legg til `terminated.date` og `terminated.notice` (kunngjøringens nummer)",
    ),
    Kind(
        "request-period",
        "warning",
        source="Directive 2014/24/EU Art. 34(2)(a); FOA § 26-5",
        en="The first request deadline is at least 30 days after publication",
        nb="Første søknadsfrist er minst 30 dager etter kunngjøringen",
        hint_en="Check `published` and `request_deadline` against the notice" + _STANDS_EN,
        hint_nb="Sjekk `published` og `request_deadline` mot kunngjøringen" + _STANDS_NB,
    ),
    Kind(
        "admission-time",
        "warning",
        source="Directive 2014/24/EU Art. 34(5); FOA § 26-6",
        en="Suppliers are admitted within 10 working days (15 where justified)",
        nb="Leverandører tas opp innen 10 virkedager (15 når det er begrunnet)",
        hint_en="Check `requested` and `admitted`" + _STANDS_EN,
        hint_nb="Sjekk `requested` og `admitted`" + _STANDS_NB,
    ),
    Kind(
        "tender-period",
        "warning",
        source="Directive 2014/24/EU Art. 34(2)(b); FOA § 26-7",
        en="The tender deadline is at least 10 days after the invitation",
        nb="Tilbudsfristen er minst 10 dager etter invitasjonen",
        hint_en="Check `invited` and `tender_deadline`" + _STANDS_EN,
        hint_nb="Sjekk `invited` og `tender_deadline`" + _STANDS_NB,
    ),
    Kind(
        "all-invited",
        "warning",
        source="Directive 2014/24/EU Art. 34(6); FOA § 26-7",
        en="Every supplier admitted to the category is invited",
        nb="Alle leverandører som er tatt opp i kategorien, inviteres",
        hint_en="Check the number invited and the category's admissions on the invitation date" + _STANDS_EN,
        hint_nb="Sjekk antallet inviterte og opptakene i kategorien på invitasjonsdatoen" + _STANDS_NB,
    ),
    Kind(
        "no-end-date",
        "warning",
        source="Directive 2014/24/EU Art. 34(4)(a) (the period of validity is stated)",
        en="A running scheme states when it ends",
        nb="En løpende ordning oppgir når den slutter",
        hint_en="Add `valid_to` from the notice",
        hint_nb="Legg til `valid_to` fra kunngjøringen",
    ),
    Kind(
        "buyer-name",
        "warning",
        source="DESIGN §2: one buyer id, one name",
        en="A buyer id has one name everywhere",
        nb="En oppdragsgiver-id har samme navn overalt",
        hint_en="Write the buyer's name as its schemes write it",
        hint_nb="Skriv oppdragsgiverens navn slik ordningene skriver det",
    ),
)
