"""The fast paths of page rendering write exactly what the general code writes."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from markupsafe import Markup, escape

from generator.render.fragments import e
from generator.render.i18n import number


def general_number(value: int | Decimal, lang: str) -> str:
    """number() as written before its fast paths: the string of the value, its whole part grouped."""
    whole, _, fraction = (str(value) if isinstance(value, int) else f"{value:f}").partition(".")
    sign = "−" if whole.startswith("-") else ""
    groups = f"{int(whole.lstrip('-')):,}".replace(",", "\u00a0" if lang == "nb" else ",")
    return f"{sign}{groups}{(',' if lang == 'nb' else '.') + fraction if fraction else ''}"


EDGES: list[int | Decimal] = [
    0,
    -1,
    999,
    1000,
    -1000,
    10**20,
    Decimal("0"),
    Decimal("-0"),
    Decimal("-0.00"),
    Decimal("1E+3"),
    Decimal("-1E+7"),
    Decimal("1.0E-10"),
    Decimal("5E-3"),
    Decimal("123456789.123456789"),
]


def some_numbers(count: int) -> list[int | Decimal]:
    rnd = random.Random(6)
    values: list[int | Decimal] = []
    for _ in range(count):
        values += [
            rnd.randint(-(10**12), 10**12),
            Decimal(rnd.randint(-(10**12), 10**12)).scaleb(-rnd.randint(0, 6)),
            Decimal(f"{rnd.randint(-(10**6), 10**6)}E{rnd.randint(-8, 8)}"),
        ]
    return values


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_number_fast_paths_write_what_the_general_code_writes(lang: str) -> None:
    for value in EDGES + some_numbers(2000):
        assert number(value, lang) == general_number(value, lang), value


def test_number_groups_and_signs_as_each_language_writes() -> None:
    assert number(-1234567, "nb") == "−1\u00a0234\u00a0567"
    assert number(Decimal("1234.50"), "nb") == "1\u00a0234,50"
    assert number(Decimal("1234.50"), "en") == "1,234.50"
    assert number(None, "en") == "–"


def test_number_refuses_what_it_cannot_write() -> None:
    with pytest.raises(ValueError):
        number(Decimal("NaN"), "nb")


@pytest.mark.parametrize(
    "text",
    ["", "plain", "Bygg & Anlegg AS", "<script>alert('x')</script>", 'a "quoted" <b>', "&amp; already", "æøå ÆØÅ"],
)
def test_e_escapes_byte_for_byte_as_markupsafe(text: str) -> None:
    assert e(text) == str(escape(text))


def test_e_leaves_markup_and_formats_other_values_as_markupsafe() -> None:
    assert e(Markup("<b>x</b>")) == "<b>x</b>"
    assert e(Decimal("1.50")) == "1.50"
    assert e(None) == "None"


def test_page_writers_made_after_the_inputs_compile_no_template(monkeypatch: pytest.MonkeyPatch) -> None:
    """The templates are compiled once, when the inputs are made: the page writers forked after that (one per
    language) take them compiled, rather than compiling every template again in each fork."""
    from pathlib import Path

    import jinja2

    from generator.export.downloads import Written
    from generator.load import load
    from generator.model import build_model
    from generator.render import writer
    from generator.render.pages import render_pages

    monkeypatch.setattr(writer, "_COMPILED", writer._CompiledTemplates())  # as in a process that compiled none
    inputs = writer.Inputs(
        build_model(load(Path(__file__).parent / "fixtures" / "valid")[0]), downloads=Written([], {})
    )

    def compile_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("a template was compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", compile_again)
    for lang in ("nb", "en"):
        assert {page.path for page in render_pages(inputs, lang)} == {page.path for page in inputs.pages}


def test_a_changed_template_is_compiled_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled templates are kept by their source: a template that changes is not the one kept."""
    import jinja2

    from generator.render import writer

    monkeypatch.setattr(writer, "_COMPILED", cache := writer._CompiledTemplates())
    sources = {"t.html": "first {{ x }}"}

    def render() -> str:
        environment = jinja2.Environment(bytecode_cache=cache, loader=jinja2.DictLoader(sources))
        return environment.get_template("t.html").render(x=1)

    assert render() == "first 1" and len(cache.compiled) == 1
    sources["t.html"] = "second {{ x }}"
    assert render() == "second 1"
