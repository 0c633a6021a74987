"""The command line: formats, exit codes, and JSON equal to the Python API."""

from __future__ import annotations

import _thread
import json
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import validate
from generator.cli import main
from generator.site.serve import serve

from .conftest import Edit

AWARD = "awards/tolk-fjordvik/2024-001.yaml"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def break_two_things(edit: Edit) -> None:
    edit(AWARD, "sme_tenders: 1", "sme_tenders: 3")  # error: counts
    edit(AWARD, "tender_deadline: 2024-03-18", "tender_deadline: 2024-03-13")  # warning: tender-period


def test_valid_data_exits_0_with_a_summary(data: Path) -> None:
    code, output = run("validate", "--data", str(data))
    assert code == 0
    assert output == "0 errors, 0 warnings in 0 of 8 files\n"


def test_text_report_lists_errors_before_warnings_then_a_summary(data: Path, edit: Edit) -> None:
    break_two_things(edit)
    code, output = run("validate", "--data", str(data))
    assert code == 1
    lines = output.splitlines()
    assert lines[0].startswith(f"{data}/{AWARD}:9: sme_tenders: error: sme_tenders (3) is more than tenders (2)")
    assert lines[0].endswith("[counts]")
    assert lines[1].startswith(f"{data}/{AWARD}:6: tender_deadline: warning: ")
    assert lines[1].endswith("[tender-period]")
    assert lines[-1] == "1 error, 1 warning in 1 of 8 files"


def test_warnings_alone_exit_0(data: Path, edit: Edit) -> None:
    edit(AWARD, "tender_deadline: 2024-03-18", "tender_deadline: 2024-03-13")
    assert run("validate", "--data", str(data))[0] == 0


def test_github_format_annotates_each_problem_on_its_line(data: Path, edit: Edit) -> None:
    break_two_things(edit)
    code, output = run("validate", "--data", str(data), "--format", "github")
    assert code == 1
    first, second = output.splitlines()[:2]
    assert first.startswith(f"::error file={data}/{AWARD},line=9,title=counts%3A sme_tenders::sme_tenders (3)")
    assert second.startswith(f"::warning file={data}/{AWARD},line=6,title=tender-period%3A tender_deadline::")


def test_github_messages_cannot_break_out_of_their_annotation(data: Path, edit: Edit) -> None:
    edit(AWARD, "tenders: 2\n", 'tenders: "2\\n::error file=x::pwned"\n')
    _, output = run("validate", "--data", str(data), "--format", "github")
    assert not any(line.startswith("::error file=x") for line in output.splitlines())
    assert "%0A::error file=x::pwned" in output


def test_json_equals_the_python_api(data: Path, edit: Edit) -> None:
    break_two_things(edit)
    code, output = run("validate", "--data", str(data), "--format", "json")
    assert code == 1
    _, problems = validate(data)
    assert json.loads(output) == [p.as_dict() for p in problems]
    assert set(json.loads(output)[0]) == {"rule", "severity", "file", "line", "field", "message"}


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--format", "xml"),
        ("validate", "--data", "/nonexistent/folder"),
        ("nope",),
        ("synth", "--scale", "huge"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    assert run(*args)[0] == 2


def test_every_command_has_help_with_an_example() -> None:
    for name in main.commands:
        code, output = run(name, "--help")
        assert code == 0
        assert "Example:" in output, name


def test_runs_as_a_module(data: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--data", str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("0 errors, 0 warnings in 0 of 8 files\n")


def test_the_program_keeps_click_s_exit_codes_and_flushes_its_output(tmp_path: Path) -> None:
    """The program exits without the interpreter's teardown (runtime.exit_without_teardown): still with the
    code and the whole message click gives."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--data", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: dps validate")
    assert result.stderr.endswith("is not a folder\n")


def test_serve_serves_the_site_and_rebuilds_when_a_watched_file_changes(tmp_path: Path) -> None:
    site, data = tmp_path / "site", tmp_path / "data"
    site.mkdir()
    data.mkdir()
    (site / "index.html").write_text("hello", encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pages: list[bytes] = []
    rebuilds: list[int] = []

    def ready(url: str) -> None:
        with urllib.request.urlopen(url + "index.html") as response:
            pages.append(response.read())
        threading.Timer(0.3, (data / "new.yaml").write_text, ["id: x\n"]).start()  # after the first look

    def rebuild() -> None:
        rebuilds.append(1)
        raise KeyboardInterrupt  # stops serving, as Ctrl+C does

    stop = threading.Timer(15, _thread.interrupt_main)  # should the change go unseen
    stop.start()
    try:
        serve(site, port, [data], rebuild, ready)
    finally:
        stop.cancel()
    assert pages == [b"hello"]
    assert rebuilds == [1]
