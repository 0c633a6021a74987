"""Reading a notice file as XML, safely: no network, no DTD, no entities, bounded size; problems, never exceptions.

libxml2 (through lxml) never fetches anything (`no_network`), never loads a DTD, never replaces an entity
(`resolve_entities=False`) and keeps its limits on text size and depth (`huge_tree` off). Published notices have no
DTD at all, so a file with `<!DOCTYPE` or `<!ENTITY` is refused before the parser sees it: an entity bomb or an
external entity is reported, not expanded or fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from generator.limits import MAX_NOTICE_BYTES
from generator.problems import Problem, error, warning

Element = etree._Element

# The namespaces of eForms UBL notices, by the prefixes the eForms SDK writes XPaths with.
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
    "ted": "http://publications.europa.eu/resource/schema/ted/R2.0.9/publication",
}
_PREFIX = {uri: prefix for prefix, uri in NS.items() if prefix != "ted"}
_UNSAFE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass
class Found:
    """The problems found in one notice file so far, each placed at its element where there is one."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def error(self, rule: str, at: Element | None, term: str, message: str) -> None:
        self.problems.append(error(rule, self.file, line_of(at), where(term, at), message))

    def warning(self, rule: str, at: Element | None, term: str, message: str) -> None:
        self.problems.append(warning(rule, self.file, line_of(at), where(term, at), message))


def line_of(at: Element | None) -> int:
    """The element's line; 1 without one: a problem about the file as a whole, at its first line as `dps validate`
    places one."""
    line = at.sourceline if at is not None else None
    return line if isinstance(line, int) else 1


def where(term: str, at: Element | None) -> str:
    """The problem's field: the business term (or TED XML element), then the element's path, where known."""
    if at is None:
        return term
    return f"{term} at {path(at)}" if term else path(at)


def path(at: Element) -> str:
    """An XPath-like path to an element, with the SDK's prefixes and a position where siblings share its name.

    >>> root = etree.fromstring(f'<r xmlns:cbc="{NS["cbc"]}"><cbc:ID/><cbc:ID>2</cbc:ID></r>')
    >>> path(root[1])
    '/r/cbc:ID[2]'
    """
    steps = []
    node: Element | None = at
    while node is not None:
        qname = etree.QName(node)
        prefix = _PREFIX.get(qname.namespace or "")
        name = f"{prefix}:{qname.localname}" if prefix else qname.localname
        parent = node.getparent()
        if parent is not None:
            same = [s for s in parent.iterchildren(node.tag)]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps))


def read(file: Path, name: str, found: Found) -> Element | None:
    """The root element of a notice file, or None with the problem that stopped it."""
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_NOTICE_BYTES + 1)
    except OSError as exc:
        found.error("notice-file", None, "", f"cannot be read: {exc.strerror or exc}")
        return None
    if len(data) > MAX_NOTICE_BYTES:
        found.error("notice-size", None, "", f"is larger than {MAX_NOTICE_BYTES:,} bytes; it was not read")
        return None
    return parse(data, found)


def parse(data: bytes, found: Found) -> Element | None:
    """The root element of a notice's bytes, or None with the problem that stopped it.

    >>> f = Found("x.xml")
    >>> parse(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', f)
    >>> [(p.rule, p.line) for p in f.problems]
    [('notice-unsafe', 1)]
    """
    unsafe = _UNSAFE.search(data)
    if unsafe is not None:
        line = data.count(b"\n", 0, unsafe.start()) + 1
        found.problems.append(
            error(
                "notice-unsafe",
                found.file,
                line,
                unsafe.group().decode("ascii"),
                "declares a DTD or entities, which no published notice does; it was not read "
                "(nothing was expanded or fetched)",
            )
        )
        return None
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        found.problems.append(
            error("notice-format", found.file, 1, "", "is not XML at all (an XML notice begins with '<')")
        )
        return None
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        lineno = exc.lineno or 0
        message = exc.msg or str(exc)
        # libxml2 names what it was in the middle of; an error on the file's last line means the file ended first
        truncated = lineno >= data.rstrip().count(b"\n") + 1 or "end of data" in message.lower()
        why = "ends before the notice does (truncated)" if truncated else "is not well-formed XML"
        found.problems.append(error("notice-xml", found.file, lineno, "", f"{why}: {message}"))
        return None
    if root.getroottree().docinfo.internalDTD is not None:  # a DTD the byte scan cannot see (UTF-16 text)
        found.error("notice-unsafe", root, "", "declares a DTD; it was not read")
        return None
    return root


def parser() -> etree.XMLParser:
    """The one parser notices are read with: nothing fetched, loaded or expanded, libxml2's limits kept."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


@cache
def _compiled(xpath: str) -> etree.XPath:
    return etree.XPath(xpath, namespaces=NS)


def all_of(at: Element, xpath: str) -> list[Element]:
    """The elements an XPath selects from `at` (prefixes as in NS)."""
    result = _compiled(xpath)(at)
    return [e for e in result if isinstance(e, etree._Element)] if isinstance(result, list) else []


def first(at: Element, xpath: str) -> Element | None:
    found = all_of(at, xpath)
    return found[0] if found else None


def text(at: Element | None) -> str | None:
    """An element's text, its white space runs as single spaces; None for no element or an empty one."""
    if at is None:
        return None
    value = " ".join("".join(str(t) for t in at.itertext()).split())
    return value or None


def text_of(at: Element, xpath: str) -> str | None:
    return text(first(at, xpath))
