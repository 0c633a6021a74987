"""dps build: the site from the fixture records, each page type with its key content, links, escaping, safety."""

from __future__ import annotations

import errno
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.model import Model, build_model
from tests.conftest import linked_copy
from tests.sitecheck import broken_links, html_files, third_party_requests

FIXTURE = Path(__file__).parent / "fixtures" / "valid"


def build(data: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out)])
    return result.exit_code, result.output


@pytest.fixture
def site(valid_site: Path) -> Path:
    """The valid fixture's site (tests/conftest.py builds it once for the modules that read it)."""
    return valid_site


def text_of(page: Path) -> str:
    """The page's visible text, tags removed, whitespace collapsed."""
    html = page.read_text(encoding="utf-8")
    html = re.sub(r"<script.*?</script>|<style.*?</style>|<svg.*?</svg>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_every_page_type_exists_in_both_languages(site: Path) -> None:
    for prefix in ("", "en/"):
        for path in (
            "",
            "schemes/",
            "schemes/tolk-fjordvik/",
            "schemes/tolk-fjordvik/awards/2024/",
            "buyers/",
            "buyers/NO-BRC-312345676/",
            "suppliers/",
            "suppliers/NO-BRC-312345692/",
            "awards/",
            "awards/2024/",
            "downloads/",
            "about/",
            "methodology/",
            "contribute/",
            "search/",
            "explore/",
            "changes/",
        ):
            assert (site / prefix / path / "index.html").is_file(), prefix + path
    assert (site / "404.html").is_file()
    assert not list(site.rglob("_shell")), "shell pages are removed after stamping"
    assert not [p for p in html_files(site) if "@@" in p.read_text(encoding="utf-8")], "every shell marker is filled"


def test_scheme_page_lists_admitted_suppliers_awards_and_downloads(site: Path) -> None:
    page = text_of(site / "schemes/tolk-fjordvik/index.html")
    assert "Dynamisk innkjøpsordning for tolketjenester" in page
    assert "Fjordtolk AS" in page and "Svensk Tolk AB" in page  # admitted, one of them has left
    assert "2024-06-30" in page
    assert "Tolking ved helsestasjonene 2024" in page  # an award
    html = (site / "schemes/tolk-fjordvik/index.html").read_text(encoding="utf-8")
    assert 'href="../../downloads/schemes/tolk-fjordvik/awards.csv"' in html
    assert 'href="../../data/schemes/tolk-fjordvik.yaml"' in html
    source = "schemes/tolk-fjordvik.yaml"
    assert (site / "data" / source).read_bytes() == (FIXTURE / source).read_bytes()


def test_award_permalink_is_an_anchor_on_its_scheme_year_page(site: Path) -> None:
    html = (site / "schemes/tolk-fjordvik/awards/2024/index.html").read_text(encoding="utf-8")
    assert 'id="2024-001"' in html and 'id="2024-002"' in html
    assert "850 000,50 NOK" in text_of(site / "schemes/tolk-fjordvik/awards/2024/index.html")
    assert "850,000.50 NOK" in text_of(site / "en/schemes/tolk-fjordvik/awards/2024/index.html")


def test_supplier_page_lists_admissions_and_wins(site: Path) -> None:
    page = text_of(site / "suppliers/NO-BRC-312345692/index.html")
    assert "Fjordtolk AS" in page and "NO-BRC-312345692" in page
    assert "Tolking ved helsestasjonene 2024" in page  # an award it won
    assert "0301" in page  # municipality as written, leading zero kept


def test_buyer_page_lists_schemes_and_top_suppliers(site: Path) -> None:
    page = text_of(site / "buyers/NO-BRC-312345676/index.html")
    assert "Fjordvik kommune" in page and "Dynamisk innkjøpsordning for tolketjenester" in page
    assert "Fjordtolk AS" in page


def test_downloads_page_lists_every_file_of_the_manifest_and_each_field(site: Path) -> None:
    manifest = json.loads((site / "downloads/downloads.json").read_text(encoding="utf-8"))
    page = (site / "downloads/index.html").read_text(encoding="utf-8")
    for entry in manifest:
        if not entry.get("scheme"):
            assert f'href="../downloads/{entry["path"]}"' in page
            assert (site / "downloads" / entry["path"]).is_file()
    assert "invited_count" in page and "NLOD" in page


def test_language_switch_points_to_the_same_page_in_the_other_language(site: Path) -> None:
    nb = (site / "suppliers/NO-BRC-312345692/index.html").read_text(encoding="utf-8")
    en = (site / "en/suppliers/NO-BRC-312345692/index.html").read_text(encoding="utf-8")
    assert 'href="../../en/suppliers/NO-BRC-312345692/" lang="en"' in nb
    assert 'href="../../../suppliers/NO-BRC-312345692/" lang="nb"' in en
    assert '<html lang="nb"' in nb and '<html lang="en"' in en


def test_no_broken_internal_link_or_missing_asset(site: Path) -> None:
    assert broken_links(site) == []


def test_no_request_leaves_the_site(site: Path) -> None:
    assert third_party_requests(site) == []


def test_navigation_lists_sections_not_records(site: Path) -> None:
    html = (site / "schemes/tolk-fjordvik/index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "tolk-fjordvik" not in nav and "NO-BRC" not in nav
    assert nav.count("md-nav__link") <= 15


def test_pages_have_title_description_and_canonical(site: Path) -> None:
    html = (site / "en/schemes/renhold-nordhei/index.html").read_text(encoding="utf-8")
    assert "<title>DIS renholdstjenester - DPS transparency</title>" in html
    assert '<meta name="description" content="' in html
    assert '<link rel="canonical" href="https://dps-innsyn.example.org/en/schemes/renhold-nordhei/">' in html


def test_sitemap_lists_every_page_once(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) == len(set(locations))
    assert "https://dps-innsyn.example.org/en/suppliers/NO-BRC-312345692/" in locations
    pages = [p for p in html_files(site) if p.name == "index.html" and p.parts[-2] not in ("downloads",)]
    assert len(locations) >= len(pages) - 2


def test_search_indexes_cover_each_record_once(site: Path) -> None:
    # free text: one Pagefind index from the Norwegian scheme and award-year pages (the English page maps results)
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"nb"}
    documents = 2 + 2  # schemes, scheme award years
    assert entry["languages"]["nb"]["page_count"] == documents
    fragments = [
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
        for f in (site / "pagefind/fragment").iterdir()
    ]
    assert len(fragments) == documents
    # every result opens a built page (the index is made from search documents at the pages' paths)
    urls = [fragment["url"] for fragment in fragments]
    assert all((site / url.lstrip("/") / "index.html").is_file() for url in urls), urls
    filters = {f["url"]: f["filters"] for f in fragments}
    assert filters["/schemes/tolk-fjordvik/awards/2024/"] == {"Type": ["Tildeling"], "År": ["2024"]}
    assert not [p for p in html_files(site) if "data-pagefind" in p.read_text(encoding="utf-8")]  # pages carry none
    # names and ids: every buyer, scheme and supplier once in the name index, each opening its built page
    shards = [json.loads(f.read_text(encoding="utf-8")) for f in (site / "names").glob("*.json")]
    paths = {record[6] for shard in shards for records in shard.values() for record in records}
    assert "suppliers/SE-BLV-5561234567/" in paths and "buyers/NO-BRC-312345676/" in paths
    assert len({p for p in paths if p.startswith(("suppliers/", "buyers/", "schemes/"))}) == 3 + 3 + 2
    assert all((site / path / "index.html").is_file() for path in paths)


def test_no_page_is_over_one_megabyte(site: Path) -> None:
    assert [p for p in html_files(site) if p.stat().st_size > 1_000_000] == []


def test_record_text_is_never_markup(tmp_path: Path) -> None:
    # checked on the rendered pages themselves, with no site around them (tests/test_injection.py builds one)
    from generator.export.downloads import Written
    from generator.load import load
    from generator.render.pages import Inputs, render_pages

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    supplier = data / "suppliers/NO-BRC-312345692.yaml"
    hostile = "<script>alert(1)</script> & {{ 7*7 }} [x](javascript:alert(1)) | a | b |"
    supplier.write_text(
        supplier.read_text(encoding="utf-8").replace('"Fjordtolk AS"', json.dumps(hostile)), encoding="utf-8"
    )
    inputs = Inputs(build_model(load(data)[0]), downloads=Written([], {}))
    shown = {"suppliers/NO-BRC-312345692/", "schemes/tolk-fjordvik/"}
    for lang in ("nb", "en"):
        pages = list(render_pages(inputs, lang, [p for p in inputs.pages if p.path in shown]))
        assert {page.path for page in pages} == shown
        for page in pages:
            assert "<script>alert(1)</script>" not in page.body
            assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}" in page.body
            assert 'href="javascript:' not in page.body


def test_a_build_with_errors_publishes_nothing_and_keeps_the_previous_site(tmp_path: Path, site: Path) -> None:
    out = linked_copy(site, tmp_path / "site")
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    award = data / "awards/tolk-fjordvik/2024-001.yaml"
    award.write_text(award.read_text(encoding="utf-8").replace("tenders: 2", "tenders: 9"), encoding="utf-8")
    code, output = build(data, out)
    assert code == 1
    assert "[counts]" in output and "Nothing published" in output
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")], "no temporary folder left behind"


def files_of(site: Path) -> dict[Path, bytes]:
    # Pagefind names its filter and metadata files by hashes that vary between runs (upstream: Pagefind#638)
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts}


# slow: a whole build more, of what the fast ones below build twice already: test_one_worker_runs_the_same_plan_…
# and test_a_large_sites_previous_version_… compare a build of the same data with the shared site byte for byte
@pytest.mark.slow
def test_two_builds_of_the_same_data_are_identical_pages_and_downloads(tmp_path: Path, site: Path) -> None:
    code, output = build(FIXTURE, tmp_path / "again")
    assert code == 0, output
    first, second = files_of(site), files_of(tmp_path / "again")
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def previous(tmp_path: Path, site: Path) -> tuple[Path, dict[str, bytes]]:
    out = linked_copy(site, tmp_path / "site")
    return out, snapshot(out)


def test_a_crash_midway_leaves_the_previous_site_whole(previous, monkeypatch: pytest.MonkeyPatch) -> None:
    out, before = previous
    import generator.build
    import generator.site.pages

    def crash(*args: object) -> int:
        raise RuntimeError("boom in the middle of writing pages")

    monkeypatch.setattr(generator.site.pages, "stamp", crash)
    with pytest.raises(RuntimeError):
        generator.build.build_site(_loaded(FIXTURE), out)
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".site-")] == []


def test_a_crash_before_the_pages_leaves_no_folder_and_no_mkdocs_running(
    previous, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the build's folder is made, and mkdocs started in it, before the records are read (it needs no data)
    out, before = previous
    import generator.build
    import generator.site.workspace

    started: list[subprocess.Popen[bytes]] = []
    real_start = generator.site.workspace.start_builds

    def spied(work: Path, site_url: str | None) -> dict[str, subprocess.Popen[bytes]]:
        builds = real_start(work, site_url)
        started.extend(builds.values())
        return builds

    def crash(*args: object) -> None:
        raise RuntimeError("boom while making the model")

    monkeypatch.setattr(generator.site.workspace, "start_builds", spied)
    monkeypatch.setattr(generator.build, "build_model", crash)
    with pytest.raises(RuntimeError, match="boom while making the model"):
        generator.build.build_plan(FIXTURE, out, workers=1)
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".site-")] == []
    assert len(started) == 2 and all(process.returncode is not None for process in started)


def test_a_failed_export_fails_the_build_with_its_own_error(previous) -> None:
    # the export runs in a forked process while pages are written: its error must reach the user, not a wait
    out, before = previous
    import generator.build
    from generator.export.tables import ExportError

    def refuse(*args: object) -> None:
        raise ExportError("awards.csv: value_amount 1.0000000000000001 has more than 15 significant digits")

    with pytest.raises(ExportError, match="more than 15 significant digits"):
        generator.build.build_site(_loaded(FIXTURE), out, export_parts=[refuse])
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".site-")] == []


def test_a_failed_search_index_fails_the_build_with_its_output(previous, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pagefind runs beside the last files put in place; its failure must reach the user, and nothing be published
    out, before = previous
    import generator.build
    import generator.site.search_index

    def broken_index(documents: Path, bundle: Path) -> subprocess.Popen[str]:
        command = [sys.executable, "-c", "print('Error: no documents under', __import__('sys').argv[1]); exit(3)"]
        return subprocess.Popen([*command, str(documents)], stdout=subprocess.PIPE, text=True)

    monkeypatch.setattr(generator.site.search_index, "start_index", broken_index)
    with pytest.raises(generator.build.BuildError, match=r"pagefind failed:\nError: no documents under .*search"):
        generator.build.build_site(_loaded(FIXTURE), out)
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".site-")] == []


def test_a_full_disk_leaves_the_previous_site_whole(previous, monkeypatch: pytest.MonkeyPatch) -> None:
    out, before = previous
    import generator.build

    real_write = Path.write_text
    written = []

    def write_until_full(self: Path, *args: object, **kwargs: object) -> int:
        written.append(self)
        if len(written) > 20:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_until_full)
    with pytest.raises(OSError, match="No space left"):
        generator.build.build_site(_loaded(FIXTURE), out)
    monkeypatch.undo()
    assert snapshot(out) == before


@pytest.mark.slow  # two whole builds, the first in a Python process of its own (killed before the swap)
def test_a_killed_build_leaves_the_previous_site_whole_and_the_next_build_cleans_up(previous) -> None:
    out, before = previous
    script = f"""
import os, signal
from pathlib import Path
import generator.build as build
from generator.check import validate
from generator.model import build_model
def die(built, out):  # pages, downloads, sources and index are written: killed just before the swap
    os.kill(os.getpid(), signal.SIGKILL)
build.swap_in = die
build.build_site(build_model(validate(Path({str(FIXTURE)!r}))[0]), Path({str(out)!r}))
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[1], check=False)
    assert result.returncode == -signal.SIGKILL
    assert snapshot(out) == before
    assert [p for p in out.parent.iterdir() if p.name.startswith(".site-")], (
        "the killed build left its temporary folder"
    )
    code, output = build(FIXTURE, out)
    assert code == 0, output
    from tests.test_runtime import wait_gone

    assert all(wait_gone(p) for p in out.parent.iterdir() if p.name.startswith(".site-")), "removed in the background"
    assert os.path.isfile(out / "index.html")


def test_a_large_sites_previous_version_is_removed_after_the_build_returns(
    previous, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_runtime import wait_gone

    out, _ = previous
    import generator.build

    monkeypatch.setattr(generator.build, "DETACHED_FROM_PAGES", 0)  # as if the fixture were national
    generator.build.build_site(_loaded(FIXTURE), out)
    left = [p for p in out.parent.iterdir() if p.name.startswith(".site-")]
    assert all(wait_gone(p) for p in left), "the previous site is removed by a process of its own"
    fresh, published = files_of(site), files_of(out)  # the shared site is a fresh build of the same records
    assert [p for p in fresh if fresh[p] != published.get(p)] == []  # its pages survive the old site's removal


def test_feeds_are_linked_and_valid_atom(site: Path) -> None:
    import xml.etree.ElementTree as ET

    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="feeds/awards.xml"' in home
    scheme = (site / "en/schemes/tolk-fjordvik/index.html").read_text(encoding="utf-8")
    assert 'href="../../../schemes/tolk-fjordvik/feeds/awards.xml"' in scheme
    feed = ET.fromstring((site / "schemes/tolk-fjordvik/feeds/awards.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.tag == f"{atom}feed"
    titles = [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")]
    assert "Tolking ved helsestasjonene 2024" in titles


def test_security_policy_in_every_page_and_in_host_headers(site: Path) -> None:
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'self'" in headers and "frame-ancestors 'none'" in headers
    for page in html_files(site):
        html = page.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, page


def _loaded(data: Path) -> Model:
    from generator.check import validate

    return build_model(validate(data)[0])


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "en/index.html",
        "schemes/tolk-fjordvik/index.html",
        "buyers/NO-BRC-312345676/index.html",
        "indicators/index.html",
        "en/indicators/index.html",
    ],
)
def test_charts_appear_with_their_text_alternative(site: Path, page: str) -> None:
    html = (site / page).read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="dps-chart">(.*?)</figure>', html, re.S)
    assert len(figures) >= 4
    for figure in figures:
        assert re.search(r'<svg[^>]*role="img"', figure) and "<title" in figure and "<desc" in figure
        assert '<table class="dps-chart-data">' in figure  # the figures behind the chart


def test_indicators_page_compares_schemes_and_methodology_defines_each_indicator(site: Path) -> None:
    from generator.indicators import definitions

    page = text_of(site / "indicators/index.html")
    assert "Dynamisk innkjøpsordning for tolketjenester" in page and "DIS renholdstjenester" in page
    methodology = (site / "en/methodology/index.html").read_text(encoding="utf-8")
    for indicator in definitions().indicators:
        assert f'id="{indicator}"' in methodology


@pytest.mark.slow  # three whole builds (first, after the edit, fresh); the fast tests in test_page_keys state the keys
def test_a_second_build_keeps_unchanged_pages_and_equals_a_fresh_build(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    out = tmp_path / "site"
    assert build(data, out)[0] == 0
    unchanged = out / "en/schemes/renhold-nordhei/index.html"  # another scheme than the edited award's
    changed = out / "schemes/tolk-fjordvik/awards/2024/index.html"
    kept_inode, changed_inode = unchanged.stat().st_ino, changed.stat().st_ino
    award = data / "awards/tolk-fjordvik/2024-001.yaml"
    text = award.read_text(encoding="utf-8")
    award.write_text(re.sub(r'^title: "', 'title: "Endret: ', text, count=1, flags=re.M), encoding="utf-8")

    code, output = build(data, out)
    assert code == 0, output
    assert re.search(
        r"built \d+ generated pages \(\d+ rendered, \d+ unchanged and kept from the previous site\)", output
    ), output
    assert unchanged.stat().st_ino == kept_inode, "an unchanged page is the previous build's file, not rewritten"
    assert changed.stat().st_ino != changed_inode and "Endret: " in changed.read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    assert build(data, fresh)[0] == 0
    pages = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}
    assert pages == {p.relative_to(fresh).as_posix(): p.read_bytes() for p in fresh.rglob("*.html")}


def test_one_worker_runs_the_same_plan_in_one_process(
    tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.build import build_plan

    def no_fork() -> int:
        raise AssertionError("workers=1 forked a process")

    monkeypatch.setattr(os, "fork", no_fork)  # mkdocs and Pagefind are programs of their own, started without it
    built = build_plan(FIXTURE, tmp_path / "site", workers=1)
    monkeypatch.undo()
    assert built.timings is not None
    without_index = {path: data for path, data in snapshot(tmp_path / "site").items() if "pagefind/" not in path}
    assert without_index == {path: data for path, data in snapshot(site).items() if "pagefind/" not in path}
