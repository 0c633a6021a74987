"""The load cache is not trusted code (issue 15): it lives in the user's own cache folder, it is used only
where no one else may write, nothing in it is unpickled before its MAC checks out, and a cache that is
planted, damaged or of an unexpected shape is a cache that is not there."""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.check import validate
from generator.cli import main
from generator.load import cache as cache_module
from generator.load.cache import CACHE_FILE

from .conftest import Edit
from .test_validate_speed import AWARD, age, broken, rows


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home and a user cache folder of the test's own: nothing here touches the real ones."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


ALL = 8  # record files in tests/fixtures/valid


class Planted:
    """Unpickled, it makes a folder: proof that code from the cache ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[[str], None], tuple[str]]:
        return os.mkdir, (str(self.marker),)


def plant(path: Path, marker: Path, signed: bool = False) -> None:
    """What someone else could write there: a pickle that runs code, bare or under a key of their own."""
    body = pickle.dumps((cache_module.fingerprint(), {AWARD: Planted(marker)}))
    mac = hmac.new(os.urandom(32), body, hashlib.sha256).digest() if signed else b""
    path.write_bytes(mac + body)


def sealed(home: Path, body: bytes) -> bytes:
    """A cache file's bytes as this user's dps writes them: the MAC under the user's key, then the pickle."""
    key = (home / "dps" / "key").read_bytes()
    return hmac.new(key, body, hashlib.sha256).digest() + body


def authentic(home: Path, path: Path) -> bool:
    written = path.read_bytes()
    return written == sealed(home, written[cache_module.MAC_BYTES :])


def build(data: Path, out: Path, *more: str) -> Result:
    return CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out), *more])


def an_error(edit: Edit) -> None:
    """One error: `dps build` stops after checking (and after writing the cache), without building the site."""
    edit(AWARD, "tenders: 2", "tenders: 0150")


# --- a planted cache runs nothing ------------------------------------------------------------------------


@pytest.mark.parametrize("signed", [False, True], ids=["bare", "under-another-key"])
def test_a_planted_cache_runs_no_code(data: Path, edit: Edit, tmp_path: Path, signed: bool) -> None:
    broken(data, edit)
    age(data)
    marker = tmp_path / "ran"
    store = tmp_path / "cache"
    store.mkdir(mode=0o700)
    plant(store / CACHE_FILE, marker, signed)
    expected, expected_problems = validate(data, workers=1)
    dataset, problems = validate(data, cache=store, workers=1)
    assert not marker.exists()
    assert problems == expected_problems
    assert rows(dataset) == rows(expected)


def test_a_cache_planted_beside_the_output_or_in_the_default_folder_runs_no_code(
    data: Path, edit: Edit, tmp_path: Path
) -> None:
    an_error(edit)
    out = tmp_path / "shared" / "site"  # as /tmp/site, whose .cache beside it anyone may write
    marker = tmp_path / "ran"
    for folder in (out.parent / ".cache", cache_module.default_folder(data)):
        folder.mkdir(parents=True, mode=0o700)
        plant(folder / CACHE_FILE, marker)
    planted = build(data, out)
    assert not marker.exists()
    plain = build(data, out, "--no-cache")
    assert (planted.exit_code, planted.output) == (plain.exit_code, plain.output)
    assert planted.exit_code == 1


# --- a folder, file or key that others may touch is not used ---------------------------------------------


def group_writable(store: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    store.chmod(0o770)
    return store, f"cache folder {store} is writable by its group"


def file_writable(store: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    (store / CACHE_FILE).chmod(0o666)
    return store, f"cache file {store / CACHE_FILE} is writable by others"


def key_readable(store: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    (home / "dps" / "key").chmod(0o644)
    return store, f"cache key {home / 'dps' / 'key'} is readable by others"


def a_link(store: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    link = store.parent / "link"
    link.symlink_to(store)
    return link, f"cache folder {link} is a symbolic link"


def another_users(store: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)  # as if the run were someone else's
    return store, f"cache folder {store} belongs to another user"


@pytest.mark.parametrize("spoil", [group_writable, file_writable, key_readable, a_link, another_users])
def test_a_cache_others_may_touch_is_not_used_and_the_cli_says_so(
    data: Path, tmp_path: Path, home: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch, spoil: Callable
) -> None:
    age(data)
    store = tmp_path / "cache"
    runner = CliRunner()
    assert runner.invoke(main, ["validate", "--data", str(data), "--cache", str(store)]).exit_code == 0
    folder, reason = spoil(store, home, monkeypatch)
    written = (store / CACHE_FILE).read_bytes()
    reads.clear()
    result = runner.invoke(main, ["validate", "--data", str(data), "--cache", str(folder)])
    assert len(reads) == ALL
    assert result.exit_code == 0
    assert result.stderr.startswith(f"{reason}; not used,") and result.stderr.count("\n") == 1
    assert (store / CACHE_FILE).read_bytes() == written  # nor written


def test_a_folder_anyone_may_write_is_not_used_by_build(data: Path, edit: Edit, tmp_path: Path) -> None:
    an_error(edit)
    store = tmp_path / "cache"
    store.mkdir()
    store.chmod(0o777)
    result = build(data, tmp_path / "site", "--cache", str(store))
    assert result.exit_code == 1  # the error, found without the cache
    assert f"cache folder {store} is writable by others; not used," in result.stderr
    assert "tenders" in result.stderr
    assert list(store.iterdir()) == []


# --- a damaged cache is absent, and written again --------------------------------------------------------


def cut(data: Path, home: Path, written: bytes) -> bytes:
    return written[: len(written) // 2]


def emptied(data: Path, home: Path, written: bytes) -> bytes:
    return b""


def garbage(data: Path, home: Path, written: bytes) -> bytes:
    return b"not a cache, not a pickle" * 10


def wrong_mac(data: Path, home: Path, written: bytes) -> bytes:
    return bytes([written[0] ^ 1]) + written[1:]


def changed_pickle(data: Path, home: Path, written: bytes) -> bytes:
    middle = len(written) // 2
    return written[:middle] + bytes([written[middle] ^ 1]) + written[middle + 1 :]


def not_a_pair(data: Path, home: Path, written: bytes) -> bytes:
    return sealed(home, pickle.dumps(["one", "two", "three"]))


def entries_not_a_dict(data: Path, home: Path, written: bytes) -> bytes:
    return sealed(home, pickle.dumps((cache_module.fingerprint(), [AWARD])))


def an_entry_not_bytes(data: Path, home: Path, written: bytes) -> bytes:
    """Under the file's own name and key: only its shape is wrong."""
    key = cache_module.file_key(str(data / AWARD))
    return sealed(home, pickle.dumps((cache_module.fingerprint(), {AWARD: (key, 12345)})))


@pytest.mark.parametrize(
    "damage",
    [cut, emptied, garbage, wrong_mac, changed_pickle, not_a_pair, entries_not_a_dict, an_entry_not_bytes],
)
def test_a_damaged_cache_is_absent_and_written_again(
    data: Path, edit: Edit, tmp_path: Path, home: Path, reads: list[str], damage: Callable
) -> None:
    broken(data, edit)
    age(data)
    expected, expected_problems = validate(data, workers=1)
    store = tmp_path / "cache"
    validate(data, cache=store, workers=1)
    path = store / CACHE_FILE
    path.write_bytes(damage(data, home, path.read_bytes()))
    reads.clear()
    dataset, problems = validate(data, cache=store, workers=1)
    assert len(reads) == ALL + 2  # with the two files broken() added
    assert problems == expected_problems
    assert rows(dataset) == rows(expected)
    assert authentic(home, path)
    reads.clear()
    validate(data, cache=store, workers=1)
    assert reads == []


# --- where the cache lives ----------------------------------------------------------------------------------


@pytest.mark.parametrize("xdg", [True, False], ids=["XDG_CACHE_HOME", "~/.cache"])
def test_the_default_cache_is_the_users_not_beside_the_output(
    data: Path, edit: Edit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xdg: bool
) -> None:
    if not xdg:
        monkeypatch.delenv("XDG_CACHE_HOME")
    root = tmp_path / ("xdg" if xdg else "home/.cache")
    an_error(edit)
    out = tmp_path / "shared" / "site"
    assert build(data, out).exit_code == 1
    assert not (out.parent / ".cache").exists()
    folder = cache_module.default_folder(data)
    assert folder.parent == root / "dps"
    assert (folder / CACHE_FILE).is_file()
    assert authentic(root, folder / CACHE_FILE)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "dps").stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "dps" / "key").stat().st_mode) == 0o600
    assert (root / "dps" / "key").stat().st_size == 32


def test_two_checkouts_have_caches_of_their_own(data: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "data"
    assert cache_module.default_folder(data) != cache_module.default_folder(other)
    assert cache_module.default_folder(data) == cache_module.default_folder(tmp_path / "other" / ".." / "data")


def test_a_warm_cache_follows_the_data_whatever_the_output(
    data: Path, edit: Edit, tmp_path: Path, reads: list[str]
) -> None:
    an_error(edit)
    age(data)
    first = build(data, tmp_path / "one" / "site")
    assert len(reads) == ALL
    reads.clear()
    second = build(data, tmp_path / "two" / "site")
    assert reads == []
    assert second.exit_code == first.exit_code == 1
    assert second.output == first.output.replace(str(tmp_path / "one"), str(tmp_path / "two"))
