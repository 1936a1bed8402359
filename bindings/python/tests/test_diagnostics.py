"""Lenient diagnostics, strict mode and ParseError, on the hand-broken fixture."""

from __future__ import annotations

import datetime
import pickle

import pytest

import jixiao
from conftest import BROKEN_PATH


def test_broken_file_diagnostics_and_lines(broken: jixiao.Document) -> None:
    found = [(d.code, d.severity, d.line, d.column, d.form) for d in broken.diagnostics]
    assert found == [
        ("invalid-date", "error", 9, 8, 0),  # 计划开始日期\t2026-02-30
        ("invalid-amount", "error", 28, 29, 1),  # 年度资金申请总额:\t1,9x0.00
        ("incomplete-indicator", "error", 37, 3, 1),  # 质量指标\t核算准确性\t(no target)
    ]
    amount = broken.diagnostics[1]
    assert isinstance(amount, jixiao.Diagnostic)
    assert isinstance(amount.span, jixiao.SourceSpan)
    assert (amount.span.start_line, amount.span.end_line) == (28, 28)
    assert (amount.span.start_col, amount.span.end_col) == (29, 36)  # "1,9x0.00" is 8 characters
    assert "1,9x0.00" in amount.message
    assert broken.has_errors


def test_lenient_result_keeps_what_could_be_read(broken: jixiao.Document) -> None:
    assert len(broken.forms) == 2
    first, second = broken.forms
    assert first.project.start_date is None  # 2026-02-30 is not a date: null, not a guess
    assert first.project.end_date == datetime.date(2026, 12, 31)
    assert second.funding.annual_total is None
    assert str(second.funding.annual_appropriation) == "1900.00"
    # The row without a target is left out; the other four remain.
    assert [i.name for i in second.indicators] == [
        "根据区老干部局的要求划转离休人员特需费",
        "人员数量",
        "按要求及时划转",
        "部门运转稳定性",
    ]


def test_strict_raises_with_code_line_column(broken: jixiao.Document) -> None:
    with pytest.raises(jixiao.ParseError) as info:
        jixiao.parse_file(BROKEN_PATH, strict=True)
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.code, err.line, err.column) == ("invalid-date", 9, 8)
    assert [d.code for d in err.diagnostics] == ["invalid-date", "invalid-amount", "incomplete-indicator"]
    assert all(isinstance(d, jixiao.Diagnostic) for d in err.diagnostics)
    assert err.document == broken
    # The message is the core's report: the first error with a code frame.
    text = str(err)
    assert text.startswith("error[invalid-date]")
    assert "--> line 9, column 8" in text
    assert "(2 more errors)" in text
    assert repr(err) == "ParseError(code='invalid-date', line=9, column=8)"


def test_strict_parse_of_text_and_rows() -> None:
    text = BROKEN_PATH.read_text(encoding="utf-8")
    with pytest.raises(jixiao.ParseError, match="invalid-date"):
        jixiao.parse(text, strict=True)
    with pytest.raises(jixiao.ParseError) as info:
        jixiao.parse_rows([line.split("\t") for line in text.split("\n")], strict=True)
    assert info.value.line == 9
    with pytest.raises(jixiao.ParseError) as info:
        jixiao.parse("hello", strict=True)
    assert info.value.code == "no-forms"


def test_strict_passes_clean_input(sample: jixiao.Document) -> None:
    assert jixiao.parse(jixiao.SAMPLE, strict=True) == sample


def test_parse_error_pickles() -> None:
    with pytest.raises(jixiao.ParseError) as info:
        jixiao.parse_file(BROKEN_PATH, strict=True)
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is jixiao.ParseError
    assert (again.code, again.line, again.column) == ("invalid-date", 9, 8)
    assert again.diagnostics == info.value.diagnostics
    assert again.document == info.value.document
    assert str(again) == str(info.value)


def test_diagnostic_str_and_repr(broken: jixiao.Document) -> None:
    d = broken.diagnostics[0]
    assert str(d).startswith("error[invalid-date]: ")
    assert str(d).endswith("(line 9, column 8)")
    assert repr(d).startswith("<Diagnostic error[invalid-date] line 9, column 8 form 0: ")
    assert len(repr(d)) < 100


def test_diagnostic_codes_table() -> None:
    codes = {code: (severity, description) for code, severity, description in jixiao.diagnostic_codes()}
    assert codes["invalid-amount"][0] == "error"
    assert codes["empty-level"][0] == "info"
    assert "invalid-utf8" in codes
    assert all(sev in ("error", "warning", "info") for sev, _ in codes.values())
