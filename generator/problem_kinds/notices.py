"""The kinds of problem found while reading a published notice (generator/notices/): eForms UBL or TED XML,
and while `dps import` turns it into records (generator/importing/, the `import-` kinds).

A notice that cannot be read safely, or is no notice, or names an organisation number that fails its check,
is an error: nothing is imported from what could not be read. What a notice says oddly but readably is a warning,
and so is what an import leaves for people to do (a winner with no certain id, a field the notice does not give).
"""

from __future__ import annotations

from generator.limits import MAX_NOTICE_BYTES
from generator.problem_kinds.kind import Kind, thousands

NOTICE_KINDS = (
    Kind(
        "notice-file",
        "error",
        nb="En kunngjøringsfil kan leses",
        en="A notice file can be read",
        hint_nb="Sjekk stien og tilgangsrettighetene; meldingen oppgir systemets grunn",
        hint_en="Check the path and the permissions; the message gives the system's reason",
    ),
    Kind(
        "notice-size",
        "error",
        nb=f"En kunngjøringsfil er høyst {thousands(MAX_NOTICE_BYTES, 'nb')} byte",
        en=f"A notice file is at most {thousands(MAX_NOTICE_BYTES, 'en')} bytes",
        hint_nb="Sjekk at filen er én kunngjøring (ikke en pakke med mange); en kunngjøring er på noen hundre kilobyte",
        hint_en="Check that the file is one notice (not a bundle of many); a notice is a few hundred kilobytes",
    ),
    Kind(
        "notice-xml",
        "error",
        nb="En kunngjøring er hel og velformet XML",
        en="A notice is complete, well-formed XML",
        hint_nb="Last ned kunngjøringen på nytt fra Doffin eller TED; en avkortet eller endret fil kan ikke leses",
        hint_en="Download the notice again from Doffin or TED; a truncated or edited file cannot be read",
    ),
    Kind(
        "notice-unsafe",
        "error",
        source="OWASP XML External Entity Prevention",
        nb="En kunngjøring har ingen DTD og ingen entiteter (`<!DOCTYPE`, `<!ENTITY`)",
        en="A notice holds no DTD and no entities (`<!DOCTYPE`, `<!ENTITY`)",
        hint_nb="Publiserte kunngjøringer har aldri det: last ned kunngjøringen på nytt fra Doffin eller TED",
        hint_en="Published notices never do: download the notice again from Doffin or TED",
    ),
    Kind(
        "notice-format",
        "error",
        nb="Filen er en kunngjøring i eForms (UBL) eller TED XML R2.0.9",
        en="The file is a notice in eForms (UBL) or TED XML R2.0.9",
        hint_nb="Last ned kunngjøringens XML (ikke HTML- eller PDF-visningen) fra Doffin eller TED",
        hint_en="Download the notice's XML (not its HTML or PDF view) from Doffin or TED",
    ),
    Kind(
        "notice-subtype",
        "error",
        source="eForms SDK notice-types (OPP-070); anskaffelser/eforms-sdk-nor (N4, N16, N29, E2-E4)",
        nb="En eForms-kunngjøring har en kjent undertype (`efac:NoticeSubType/cbc:SubTypeCode`)",
        en="An eForms notice has a known subtype (`efac:NoticeSubType/cbc:SubTypeCode`)",
        hint_nb="Sjekk at filen er en publisert kunngjøring; en ny undertype må legges til i generator/notices/",
        hint_en="Check that the file is a published notice; a new subtype must be added to generator/notices/",
    ),
    Kind(
        "notice-sdk",
        "error",
        source="eForms SDK (cbc:CustomizationID)",
        nb="En eForms-kunngjøring er skrevet etter en SDK-versjon som leses her (`eforms-sdk-1.0` til `1.15`)",
        en="An eForms notice is written to an SDK version read here (`eforms-sdk-1.0` to `1.15`)",
        hint_nb="En nyere versjon må sjekkes mot feltene i generator/notices/ før den leses",
        hint_en="A newer version must be checked against the fields in generator/notices/ before it is read",
    ),
    Kind(
        "notice-orgnr",
        "error",
        source="Brønnøysund Register Centre, organisation number check digit (mod 11); eForms BT-501",
        nb="Et norsk organisasjonsnummer i en kunngjøring har ni sifre og består mod-11-kontrollen",
        en="A Norwegian organisation number in a notice has nine digits and passes the mod-11 check",
        hint_nb="Slå opp organisasjonen i Enhetsregisteret (brreg.no); nummeret blir stående ukjent til det er rettet",
        hint_en="Look the organisation up in the Central Coordinating Register (brreg.no); its number stays unknown",
    ),
    Kind(
        "notice-dps-conflict",
        "error",
        source="eForms BT-766",
        nb="Alle delkontrakter i samme kunngjøring som er en dynamisk innkjøpsordning, er av samme type "
        "(åpen eller lukket)",
        en="Every lot of one notice that is a dynamic purchasing system is of the same type (open or closed)",
        hint_nb="Spør oppdragsgiveren hvilken type ordningen er, og skriv den inn for hånd",
        hint_en="Ask the buyer which type the scheme is, and write it in by hand",
    ),
    Kind(
        "notice-value",
        "warning",
        nb="En verdi i kunngjøringen kan leses som det den er: en dato, et tall eller et beløp",
        en="A value in the notice reads as what it is: a date, a number or an amount",
        hint_nb="Verdien blir stående ukjent; sjekk den mot kunngjøringen på Doffin eller TED",
        hint_en="The value stays unknown; check it against the notice on Doffin or TED",
    ),
    Kind(
        "notice-id-copied",
        "warning",
        source="shared/IMPORT.md §2: retro-converted Doffin notices",
        nb="En kunngjørings eget TED-nummer (OPP-010) er ikke nummeret den viser tilbake til (OPP-090)",
        en="A notice's own TED number (OPP-010) is not the number it refers back to (OPP-090)",
        hint_nb="Nummeret er kopiert feil ved konverteringen og blir stående ukjent; hent det fra TED om det trengs",
        hint_en="The number was copied wrongly in conversion and stays unknown; take it from TED if it is needed",
    ),
    Kind(
        "import-unlinked",
        "error",
        source="shared/IMPORT.md §2",
        nb="En avropskunngjøring viser til ordningen den er tildelt under (prosedyre-ID, OPP-090, BT-125, OPT-100 "
        "eller NOTICE_NUMBER_OJ)",
        en="A call-off notice points to the scheme it was awarded under (procedure id, OPP-090, BT-125, OPT-100 "
        "or NOTICE_NUMBER_OJ)",
        hint_nb="Ingenting er importert fra kunngjøringen; importer ordningens kunngjøring sammen med den, eller "
        "skriv tildelingen inn for hånd",
        hint_en="Nothing was imported from the notice; import the scheme's own notice with it, or write the award "
        "in by hand",
    ),
    Kind(
        "import-record",
        "error",
        nb="En postfil som importen skal oppdatere, kan leses",
        en="A record file the import updates can be read",
        hint_nb="Rett filen (`dps validate` sier hvor) og importer på nytt; filen er ikke endret",
        hint_en="Mend the file (`dps validate` says where) and import again; the file was not changed",
    ),
    Kind(
        "import-write",
        "error",
        nb="Importen kan skrive hver postfil den endrer",
        en="The import can write every record file it changes",
        hint_nb="Sjekk plass og tilgangsrettigheter; en fil som ikke ble skrevet, er som før",
        hint_en="Check the space and the permissions; a file that was not written is as it was",
    ),
    Kind(
        "import-winner",
        "warning",
        source="DESIGN §2 (org-id.guide identifiers)",
        nb="En vinner blir en leverandørpost bare med et organisasjonsnummer fra et register importen er sikker på "
        "(norske numre som består mod-11-kontrollen)",
        en="A winner becomes a supplier record only with an organisation number from a register the import is sure "
        "of (Norwegian numbers that pass the mod-11 check)",
        hint_nb="Slå opp leverandøren, skriv leverandørposten for hånd og legg ID-en til i tildelingens `suppliers`",
        hint_en="Look the supplier up, write its record by hand and add its id to the award's `suppliers`",
    ),
    Kind(
        "import-tenderer",
        "warning",
        source="shared/IMPORT.md §5 (every tenderer in a call-off was admitted); DESIGN §2 (org-id.guide identifiers)",
        nb="En tilbyder som ikke vant, får et utledet opptak bare med et organisasjonsnummer fra et register importen "
        "er sikker på (norske numre som består mod-11-kontrollen)",
        en="A tenderer that did not win gets an inferred admission only with an organisation number from a register "
        "the import is sure of (Norwegian numbers that pass the mod-11 check)",
        hint_nb="Slå opp leverandøren, skriv leverandørposten for hånd og gi den opptaket med `admitted_by` (avropets "
        "dato) og `source` (avropets kunngjøring)",
        hint_en="Look the supplier up, write its record by hand and give it the admission with `admitted_by` (the "
        "call-off's date) and `source` (the call-off's notice)",
    ),
    Kind(
        "import-termination",
        "warning",
        source="shared/IMPORT.md §2 (termination caveats); FOA § 26-5",
        nb="En ordning avsluttes bare av en kunngjøring fra ordningens egen oppdragsgiver (BT-119, TERMINATION_DPS)",
        en="A scheme is terminated only by a notice from its own buyer (BT-119, TERMINATION_DPS)",
        hint_nb="Avslutningen er ikke ført inn; er ordningen avsluttet, skriv `terminated` inn for hånd",
        hint_en="The termination was not recorded; if the scheme has ended, write `terminated` in by hand",
    ),
    Kind(
        "import-gap",
        "warning",
        nb="Kunngjøringen gir hvert felt posten må ha",
        en="The notice gives every field the record needs",
        hint_nb="Feltet står tomt i posten; skriv det inn for hånd fra den publiserte kunngjøringen",
        hint_en="The field is left empty in the record; write it in by hand from the published notice",
    ),
)
