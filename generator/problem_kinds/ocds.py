"""The kinds of problem found while `dps import` reads OCDS files (generator/importing/ocds_read.py): a release
package, a record package, or JSON Lines of releases or packages.

Each names the file, its line, and the JSON path of the value (`releases[3].awards[0].value.amount`). A release
with an error is not imported at all (a record made from half a release would be half-written); the other
releases of the file and the batch are.
"""

from __future__ import annotations

from generator.problem_kinds.kind import Kind

_STANDARD = "Open Contracting Data Standard 1.1, release schema"

OCDS_KINDS = (
    Kind(
        "ocds-json",
        "error",
        source="RFC 8259 (JSON); OCDS 1.1",
        nb="En OCDS-fil er hel og velformet JSON i UTF-8 (JSON Lines: hver linje for seg)",
        en="An OCDS file is complete, well-formed JSON in UTF-8 (JSON Lines: each line on its own)",
        hint_nb="Last ned filen på nytt fra utgiveren; en avkortet eller endret fil kan ikke leses",
        hint_en="Download the file again from its publisher; a truncated or edited file cannot be read",
    ),
    Kind(
        "ocds-shape",
        "error",
        source=_STANDARD,
        nb="En OCDS-fil er en utgivelsespakke (`releases`), en postpakke (`records`) eller én utgivelse (`ocid`)",
        en="An OCDS file is a release package (`releases`), a record package (`records`) or one release (`ocid`)",
        hint_nb="Sjekk at filen er OCDS-data og ikke en annen JSON-fil; en post med bare lenkede utgivelser må "
        "lastes ned med utgivelsene",
        hint_en="Check that the file is OCDS data and not some other JSON; a record with only linked releases "
        "must be downloaded with its releases",
    ),
    Kind(
        "ocds-version",
        "error",
        source="OCDS 1.1, package schema (`version`)",
        nb="Alle pakker i en OCDS-fil har samme OCDS-versjon, 1.0 eller 1.1",
        en="Every package in one OCDS file has the same OCDS version, 1.0 or 1.1",
        hint_nb="Del filen i én fil per versjon, eller last ned alt i én versjon fra utgiveren",
        hint_en="Split the file into one file per version, or download everything in one version",
    ),
    Kind(
        "ocds-ocid",
        "error",
        source=_STANDARD + " (`ocid`, required)",
        nb="Hver utgivelse har en `ocid`",
        en="Every release has an `ocid`",
        hint_nb="Utgivelsen er ikke importert; be utgiveren om en gyldig fil",
        hint_en="The release was not imported; ask its publisher for a valid file",
    ),
    Kind(
        "ocds-type",
        "error",
        source=_STANDARD,
        nb="Hver verdi har typen OCDS-skjemaet gir den (et beløp er et tall, en dato en dato-tid, en liste en liste)",
        en="Every value has the type the OCDS schema gives it (an amount is a number, a date a date-time, a list "
        "a list)",
        hint_nb="Utgivelsen er ikke importert; be utgiveren rette verdien (et beløp skrevet som tekst er ikke et tall)",
        hint_en="The release was not imported; ask its publisher to correct the value (an amount written as "
        "text is no number)",
    ),
    Kind(
        "ocds-party",
        "error",
        source=_STANDARD + " (OrganizationReference: the organisation is in `parties`)",
        nb="Hver organisasjon en utgivelse viser til (oppdragsgiver, leverandør, tilbyder), står i `parties`",
        en="Every organisation a release refers to (buyer, supplier, tenderer) is listed in its `parties`",
        hint_nb="Utgivelsen er ikke importert; be utgiveren om en fil der alle partene er med",
        hint_en="The release was not imported; ask its publisher for a file that lists every party",
    ),
    Kind(
        "ocds-unlinked",
        "error",
        source="OCDS framework agreements guidance (`relatedProcesses`, relationship `framework`)",
        nb="Et avrop i OCDS viser til ordningens prosess (`relatedProcesses` med relasjonen `framework`)",
        en="An OCDS call-off names its scheme's process (`relatedProcesses` with the relationship `framework`)",
        hint_nb="Ingenting er importert fra avropet; finn ordningen det hører til og skriv tildelingen inn for "
        "hånd (Contracts Finder sier bare at det er et avrop fra en dynamisk innkjøpsordning)",
        hint_en="Nothing was imported from the call-off; find the scheme it belongs to and write the award in by "
        "hand (Contracts Finder says only that it is a call-off from a dynamic purchasing system)",
    ),
    Kind(
        "ocds-value",
        "warning",
        nb="En verdi i en OCDS-utgivelse har formen postene bruker (en CPV-kode med kontrollsiffer, en kjent "
        "valuta, en organisasjons-ID fra org-id.guide)",
        en="A value in an OCDS release has the form the records use (a CPV code with its check digit, a known "
        "currency, an organisation id from org-id.guide)",
        hint_nb="Verdien står ukjent i posten; slå den opp og skriv den inn for hånd",
        hint_en="The value is left unknown in the record; look it up and write it in by hand",
    ),
)
