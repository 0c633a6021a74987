"""The spare: the page folders of the site a build replaced, which the next build takes (generator.site.recycle).

What a reader relies on: a rebuild that took them equals a fresh build byte for byte, never writes into a file of
the published site, and a spare that is damaged, or a build that fails after claiming it, changes nothing of that.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build_plan
from generator.site import BuildError, recycle
from generator.site.stamp import link_unchanged
from tests.test_page_keys import EDITS, FIXTURE, files_of

SUPPLIER_PAGE = "suppliers/NO-BRC-312345706/"


# --- the steps, on small trees --------------------------------------------------------------------------


def _page(root: Path, path: str, text: str) -> Path:
    file = root / path / "index.html"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def test_prune_leaves_the_site_s_pages_and_the_shells_and_removes_everything_else(tmp_path: Path) -> None:
    root, outside = tmp_path / "site", tmp_path / "outside"
    outside.mkdir()
    kept = [_page(root, "schemes/", "section"), _page(root, "schemes/a/", "a"), _page(root, "schemes/a/awards/", "x")]
    shell = _page(root, "schemes/_shell/_shell/", "shell")
    gone = _page(root, "schemes/gone/awards/2024/", "gone")
    (root / "schemes/a/feeds").mkdir()
    (root / "schemes/a/feeds/awards.xml").write_text("old feed", encoding="utf-8")
    (root / "schemes/a/stray.html").write_text("stray", encoding="utf-8")
    (root / "buyers/b/index.html").mkdir(parents=True)  # a folder where a page file belongs
    (root / "suppliers").mkdir()
    (root / "suppliers/link").symlink_to(outside, target_is_directory=True)
    (root / "awards").mkdir()
    (root / "awards/index.html").symlink_to(outside / "page.html")

    removed = recycle.prune(root, {"schemes/", "schemes/a/", "schemes/a/awards/", "buyers/b/", "awards/"})

    assert all(file.read_text(encoding="utf-8") for file in kept) and shell.exists()
    assert not gone.exists() and not (root / "schemes/gone").exists()
    assert not (root / "schemes/a/feeds").exists() and not (root / "schemes/a/stray.html").exists()
    assert not (root / "buyers/b").exists()
    assert not os.path.lexists(root / "suppliers/link") and not os.path.lexists(root / "awards/index.html")
    assert removed >= 8
    assert list(outside.iterdir()) == []


def test_taking_the_sections_keeps_the_new_shells_and_leaves_other_folders_alone(tmp_path: Path) -> None:
    spare, site = tmp_path / "spare", tmp_path / "site"
    old_page = _page(spare, "suppliers/s/", "old page")
    _page(spare, "suppliers/", "old section page")
    _page(spare, "en/suppliers/s/", "old English page")
    _page(spare, "explorer/x/", "not a section: left in the spare")
    _page(site, "suppliers/", "new shell")
    _page(site, "suppliers/_shell/", "new deeper shell")
    _page(site, "en/suppliers/", "new English shell")
    old_file = old_page.stat().st_ino

    assert recycle.take_sections(spare, site)

    assert (site / "suppliers/index.html").read_text(encoding="utf-8") == "new shell"
    assert (site / "suppliers/_shell/index.html").read_text(encoding="utf-8") == "new deeper shell"
    assert (site / "suppliers/s/index.html").stat().st_ino == old_file  # moved with its folder
    assert (site / "en/suppliers/index.html").read_text(encoding="utf-8") == "new English shell"
    assert (site / "en/suppliers/s/index.html").read_text(encoding="utf-8") == "old English page"
    assert not (site / "explorer").exists() and (spare / "explorer/x/index.html").exists()


def test_an_unchanged_page_is_the_published_file_and_a_changed_one_never_writes_into_it(tmp_path: Path) -> None:
    published, built = tmp_path / "published", tmp_path / "built"
    same = _page(published, "suppliers/same/", "same")
    replaced = _page(published, "suppliers/replaced/", "published")
    # the spare's files: one is the published file, one a link of it, one a copy of another version
    _page(built, "suppliers/same/", "")
    (built / "suppliers/same/index.html").unlink()
    os.link(same, built / "suppliers/same/index.html")
    _page(built, "suppliers/replaced/", "older version")

    assert link_unchanged(["suppliers/same/", "suppliers/replaced/", "suppliers/missing/"], built, published) == [
        "suppliers/missing/"
    ]

    assert (built / "suppliers/same/index.html").samefile(same)
    assert (built / "suppliers/replaced/index.html").samefile(replaced)
    assert replaced.read_text(encoding="utf-8") == "published"


def test_a_first_spare_mirrors_the_page_folders_with_links_and_never_replaces_a_spare(tmp_path: Path) -> None:
    out = tmp_path / "site"
    page = _page(out, "suppliers/s/", "page")
    _page(out, "en/awards/2024/page-2/", "English page")
    _page(out, "explorer/x/", "not a page section")
    (out / "suppliers/s/feeds").mkdir()
    (out / "suppliers/s/feeds/awards.xml").write_text("feed", encoding="utf-8")

    recycle.make_spare(out)

    spare = recycle.spare_of(out)
    assert (spare / "suppliers/s/index.html").samefile(page)
    assert (spare / "en/awards/2024/page-2/index.html").read_text(encoding="utf-8") == "English page"
    assert not (spare / "explorer").exists()
    assert [p for p in (spare / "suppliers").rglob("*") if p.is_file()] == [spare / "suppliers/s/index.html"]
    shutil.rmtree(spare / "suppliers")
    recycle.make_spare(out)  # a spare is there (kept by a build meanwhile): left as it is, nothing else left
    assert not (spare / "suppliers").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.spare", "site"]


def test_a_killed_build_s_leftovers_are_removed_in_the_background_and_spares_are_left_alone(tmp_path: Path) -> None:
    from generator.site.sources import remove_leftovers
    from tests.test_runtime import wait_gone

    out = tmp_path / "site"
    leftover, spare, making = tmp_path / ".site-x1", recycle.spare_of(out), tmp_path / ".site.spare-x2"
    for folder in (leftover, spare, making):
        _page(folder, "suppliers/s/", "page")
    remove_leftovers(out)
    assert wait_gone(leftover)
    assert (spare / "suppliers/s/index.html").exists() and (making / "suppliers/s/index.html").exists()


# --- whole builds ---------------------------------------------------------------------------------------


def _folder_id(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_dev, stat.st_ino


@pytest.mark.slow
def test_rebuilds_that_take_the_spare_equal_fresh_builds(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build_plan(data, out, cache=cache, workers=2).timings is not None
    first_folder = _folder_id(out / SUPPLIER_PAGE)
    published_page = out / "suppliers/NO-BRC-312345692/index.html"
    for number, edit in enumerate(["supplier name", "award removed", "scheme end", "category title"]):
        EDITS[edit](data)
        published_bytes = published_page.read_bytes()
        assert build_plan(data, out, cache=cache, workers=2).timings is not None, edit
        fresh = tmp_path / f"fresh-{number}"
        assert build_plan(data, fresh, workers=2).timings is not None
        assert files_of(out) == files_of(fresh), edit
        assert recycle.spare_of(out).is_dir()
        # the replaced site's page file is whole: it was never written into (it holds what it was published with)
        replaced = recycle.spare_of(out) / "suppliers/NO-BRC-312345692/index.html"
        if replaced.exists() and not replaced.samefile(out / "suppliers/NO-BRC-312345692/index.html"):
            assert replaced.read_bytes() == published_bytes, edit
    # the second rebuild on took the folders of the site two builds before: the first build's, then the second's
    assert _folder_id(out / SUPPLIER_PAGE) in (first_folder, _folder_id(recycle.spare_of(out) / SUPPLIER_PAGE))
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".site-")] == []


@pytest.mark.slow
def test_a_site_without_a_spare_gets_one_while_the_next_build_loads_and_that_build_takes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # made after a first build, the spare ran beside the next build's busiest seconds (the bench's rebuild, started
    # at once: 39-40 s against 36); the next build makes it while it loads the records, which leaves a core idle
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build_plan(data, out, cache=cache, workers=2).timings is not None
    assert not os.path.lexists(recycle.spare_of(out))  # none after a first build
    made, taken = [], []
    make_spare, take_sections = recycle.make_spare, recycle.take_sections
    monkeypatch.setattr(recycle, "make_spare", lambda site: made.append(site) or make_spare(site))
    monkeypatch.setattr(recycle, "take_sections", lambda *given: taken.append(take_sections(*given)) or taken[-1])
    EDITS["award title"](data)
    again = build_plan(data, out, cache=cache, workers=1)  # one process: the spare is made here, and seen
    assert again.timings is not None and again.timings.rendered < again.timings.pages
    assert made == [out] and taken == [True]  # made of the first site, and its folders taken for the pages
    assert recycle.spare_of(out).is_dir()  # and the replaced site's folders are the next spare
    fresh = tmp_path / "fresh"
    assert build_plan(data, fresh, workers=2).timings is not None
    assert files_of(out) == files_of(fresh)


@pytest.mark.slow
def test_a_spare_left_by_a_deleted_site_gives_way_to_the_next_first_build_s(tmp_path: Path) -> None:
    # a maintainer deletes the site but not the hidden spare beside it: the next build is a first build, and the
    # spare it makes must be of its own site, or the rebuild after it relinks every page (national: 17.8 s of
    # page writing against 10.9 s)
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert build_plan(FIXTURE, out, cache=cache, workers=2).timings is not None
    assert build_plan(FIXTURE, out, cache=cache, workers=2).timings is not None  # keeps the first site's folders
    assert recycle.spare_of(out).is_dir()
    shutil.rmtree(out)
    assert build_plan(FIXTURE, out, cache=cache, workers=2).timings is not None
    assert not os.path.lexists(recycle.spare_of(out))  # claimed and removed with the build's work folder
    assert build_plan(FIXTURE, out, cache=cache, workers=2).timings is not None  # makes one of this site, takes it
    page = recycle.spare_of(out) / SUPPLIER_PAGE / "index.html"  # the replaced site's folders, kept
    assert page.samefile(out / SUPPLIER_PAGE / "index.html")
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".site-")] == []


@pytest.mark.slow
def test_a_failed_build_drops_the_spare_and_a_damaged_spare_is_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    cache, out = tmp_path / "cache", tmp_path / "site"
    for _ in range(2):
        assert build_plan(data, out, cache=cache, workers=2).timings is not None
    spare = recycle.spare_of(out)
    assert spare.is_dir()

    import generator.site.search_index

    def broken_index(documents: Path, bundle: Path) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-c", "exit(3)"], stdout=subprocess.PIPE, text=True)

    EDITS["award title"](data)
    with monkeypatch.context() as patch:
        patch.setattr(generator.site.search_index, "start_index", broken_index)
        with pytest.raises(BuildError, match="pagefind failed"):
            build_plan(data, out, cache=cache, workers=2)
    assert not os.path.lexists(spare)  # claimed, and removed with the failed build's work folder

    for _ in range(2):  # the first keeps a spare again, the second takes it: damaged meanwhile
        assert build_plan(data, out, cache=cache, workers=2).timings is not None
        (spare / "suppliers/stray.txt").write_text("not a page", encoding="utf-8")
        shutil.rmtree(spare / "en/buyers")
        for page in (spare / SUPPLIER_PAGE / "index.html", spare / "schemes/tolk-fjordvik/index.html"):
            page.unlink()
            page.write_text("damaged", encoding="utf-8")
    EDITS["supplier size"](data)
    assert build_plan(data, out, cache=cache, workers=2).timings is not None
    fresh = tmp_path / "fresh"
    assert build_plan(data, fresh, workers=2).timings is not None
    assert files_of(out) == files_of(fresh)
