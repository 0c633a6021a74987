"""The kinds of problem in values: the table schemas' rules (`generator/schemas/*.json`, checked with
frictionless) and the value checks beside them. Every one is an error: such a value cannot be published.
"""

from __future__ import annotations

from generator.limits import EARLIEST_DATE, LATEST_DATE, MAX_DECIMALS, MAX_DIGITS
from generator.problem_kinds.kind import Kind

_YEARS = f"{EARLIEST_DATE.year}–{LATEST_DATE.year}"

VALUE_KINDS = (
    Kind(
        "type",
        "error",
        nb="En verdi har feltets type: dato, heltall, desimaltall eller nettadresse",
        en="A value has its field's type: a date, a whole number, a decimal number or a web address",
        hint_nb="Skriv for eksempel 2024-03-18, 150, 850000.50 eller en hel adresse som begynner med https://",
        hint_en="Write, for example, 2024-03-18, 150, 850000.50 or a whole address starting with https://",
    ),
    Kind(
        "required",
        "error",
        nb="Alle påkrevde felt er med",
        en="Every required field is there",
        hint_nb="Legg til feltet; meldingen sier hva det skal inneholde",
        hint_en="Add the field; the message says what it holds",
    ),
    Kind(
        "enum",
        "error",
        nb="En verdi er en av dem feltet tillater",
        en="A value is one of those its field allows",
        hint_nb="Skriv en av verdiene meldingen lister opp",
        hint_en="Write one of the values the message lists",
    ),
    Kind(
        "pattern",
        "error",
        nb="En verdi har feltets form (id, CPV-kode, land- eller valutakode fra ISO-listene ...) helt til siste tegn",
        en="A value has its field's form (id, CPV code, ISO country or currency code ...) to its last character",
        hint_nb="Skriv den i formen meldingen beskriver, uten linjeskift til slutt; koder med store bokstaver, som NOK",
        hint_en="Write it in the form the message describes, with no line break at the end; codes in capitals, as NOK",
    ),
    Kind(
        "blank",
        "error",
        nb="Et navn eller en tittel viser minst ett tegn",
        en="A name or title shows at least one character",
        hint_nb="Skriv navnet; mellomrom og usynlige tegn alene viser ingenting",
        hint_en="Write the name; spaces and invisible characters alone show nothing",
    ),
    Kind(
        "blank-row",
        "error",
        nb="En post har minst én verdi",
        en="A record holds at least one value",
        hint_nb="Skriv postens felt, eller slett filen",
        hint_en="Write the record's fields, or delete the file",
    ),
    Kind(
        "range",
        "error",
        nb=(
            f"En verdi er innenfor grensene: ikke negativ, ikke lengre enn feltet tillater, høyst {MAX_DIGITS} sifre"
            f" og {MAX_DECIMALS} desimaler, en dato i {_YEARS}, og ingen hendelse (kunngjort, søkt, tatt opp,"
            " invitert, tildelt) etter dagens dato"
        ),
        en=(
            f"A value is within bounds: not negative, no longer than its field allows, at most {MAX_DIGITS} digits"
            f" and {MAX_DECIMALS} decimal places, a date in {_YEARS}, and no event (published, requested, admitted,"
            " invited, awarded) after today"
        ),
        hint_nb="Sjekk verdien; i en dato er det ofte årstallet som er feil",
        hint_en="Check the value; in a date it is often the year that is wrong",
    ),
    Kind(
        "unique",
        "error",
        nb="En id brukes bare én gang",
        en="An id is used once",
        hint_nb="Gi en av dem en annen id; meldingen sier hvor den første står",
        hint_en="Give one of them another id; the message says where the first is",
    ),
)
