"""Stamping: each generated page written into the built shell of its depth."""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.render.pages import Page, shell_of
from generator.render.writer import SHELL_FOLDER
from generator.routes import PAGE_FILE
from generator.site.mkdocs import SECTIONS

SHELL_MARKERS = re.compile(r"@@(TITLE|DESCRIPTION|CONTENT|URL)@@")

LAYOUT_WHITESPACE = re.compile(r"\n\s+")


@dataclass(frozen=True)
class Shell:
    """A built shell page split at its markers: text parts and the marker names between them."""

    parts: tuple[str, ...]

    @classmethod
    def read(cls, built: Path, shell: str) -> Shell:
        text = (built / shell / PAGE_FILE).read_text(encoding="utf-8")
        # the theme's blank lines and indentation, repeated on every generated page, are a quarter of the shell's
        # bytes (kept where they are text: in a <pre> or <textarea>, which the shells do not have)
        if "<pre" not in text and "<textarea" not in text:
            text = LAYOUT_WHITESPACE.sub("\n", text)
        if shell.count("/") > 1:
            text = text.replace(shell, "@@URL@@")
        return cls(tuple(SHELL_MARKERS.split(text)))

    def fill(self, page: Page) -> str:
        values = {
            "TITLE": html.escape(page.title),
            "DESCRIPTION": html.escape(page.description),
            "CONTENT": page.body,
            "URL": page.path,
        }
        # split() with one group alternates text and marker name
        return "".join(part if i % 2 == 0 else values[part] for i, part in enumerate(self.parts))


class Shells:
    """The built shells of one language's site, each read once, by the path of a page stamped into it."""

    def __init__(self, built: Path):
        self.built = built
        self.read: dict[str, Shell] = {}
        self.digests: dict[str, str] = {}

    def of(self, path: str) -> Shell:
        shell = shell_of(path)
        found = self.read.get(shell)
        if found is None:
            found = self.read[shell] = Shell.read(self.built, shell)
        return found

    def digest(self, path: str) -> str:
        """What the page at path is stamped into, as a digest (part of the page's key)."""
        shell = shell_of(path)
        found = self.digests.get(shell)
        if found is None:
            parts = self.of(path).parts
            found = self.digests[shell] = hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()
        return found


def stamp(pages: Iterable[Page], shells: Shells, previous: Path | None = None) -> tuple[int, int]:
    """Write each page into its shell; return how many pages, and how many of them were the previous build's.

    A page whose bytes equal the same page of the previous site (at `previous`) is hard-linked to that file instead
    of written again: less to write now, and less to free when the previous site is removed. Nothing may write into
    a page file in place after this (it can be the published site's file); everything later writes new files.
    """
    count = reused = 0
    for page in pages:
        data = shells.of(page.path).fill(page).encode("utf-8")  # first: the page's own shell may be its file
        target = _target(shells.built, page.path)
        count += 1
        if previous is not None and _link_if_same(previous / page.path / PAGE_FILE, data, target):
            reused += 1
        else:
            target.write_bytes(data)
    return count, reused


def link_unchanged(paths: Iterable[str], built: Path, previous: Path) -> list[str]:
    """Hard-link each page of the previous site (at `previous`) into the new one; return the paths that could not
    be (no such page, or no hard links here): those must be rendered. A page file already there (the spare's,
    generator.site.recycle) is kept if it is the previous site's very file, else replaced."""
    missing = []
    built_root, previous_root = os.fspath(built), os.fspath(previous)
    for path in paths:
        source = os.path.join(previous_root, path, PAGE_FILE)
        target = os.path.join(built_root, path, PAGE_FILE)
        try:
            if not _same_file(source, target):
                _link(source, target)
        except OSError:
            missing.append(path)
    return missing


def _same_file(source: str, target: str) -> bool:
    try:
        there = os.lstat(target)
    except FileNotFoundError:
        return False
    here = os.stat(source)
    return (here.st_ino, here.st_dev) == (there.st_ino, there.st_dev)


def _link(source: str, target: str) -> None:
    """target made a hard link of source: what was at target is unlinked first (never written into, as it may be
    a link of the published site's file), and its folder made if missing (a folder costs the kernel far more
    than a link: made only where needed)."""
    try:
        os.link(source, target)
    except FileExistsError:
        os.unlink(target)
        os.link(source, target)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(source, target)


def _target(built: Path, path: str) -> Path:
    """Where a page is written: its folder made, whatever was there unlinked (see _link)."""
    target = built / path / PAGE_FILE
    try:
        os.unlink(target)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    except IsADirectoryError:
        shutil.rmtree(target)
    return target


def remove_shells(built: Path) -> None:
    """The deeper shells, once every generated page is stamped: they are not pages of the site."""
    for section in SECTIONS:
        shutil.rmtree(built / section / SHELL_FOLDER, ignore_errors=True)


def _link_if_same(old: Path, data: bytes, target: Path) -> bool:
    """Hard-link target to old if old holds exactly data."""
    try:
        if os.stat(old).st_size != len(data):
            return False
        with open(old, "rb") as file:
            if file.read() != data:
                return False
        os.link(old, target)
    except OSError:  # no previous page, or no hard links here: the page is written instead
        return False
    return True
