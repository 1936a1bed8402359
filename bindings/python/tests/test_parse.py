"""jixiao.parse / parse_file / parse_rows: entry points, inputs and value types."""

from __future__ import annotations

import datetime
import decimal
import json
import pathlib

import pytest

import jixiao
from conftest import BROKEN_PATH, PLUMBER_TABLES_PATH, SAMPLE_PATH, SPACED_PATH


def test_sample_counts_and_total(sample: jixiao.Document) -> None:
    assert len(sample.forms) == 30
    assert sample.indicator_count == 177
    assert sum(len(f.indicators) for f in sample.forms) == 177
    total = sum(f.funding.annual_total for f in sample.forms if f.funding.annual_total is not None)
    assert total == decimal.Decimal("499010781.00")
    assert str(total) == "499010781.00"
    assert sample.diagnostics == ()
    assert not sample.has_errors
    assert sample.title == "上海市静安区人力资源和社会保障局 2026 年度项目绩效目标汇总表"
    assert sample.schema_version == jixiao.SCHEMA_VERSION == 1


def test_money_is_decimal_with_scale_kept(sample: jixiao.Document) -> None:
    funding = sample.forms[0].funding
    assert funding.unit == "元"
    assert isinstance(funding.annual_total, decimal.Decimal)
    assert funding.annual_total == decimal.Decimal("109026.00")
    # "0.00" stays Decimal('0.00'): the scale written in the form survives.
    assert repr(funding.annual_carryover) == "Decimal('0.00')"
    assert funding.annual_carryover.as_tuple().exponent == -2
    assert funding.project_total is None  # blank in the form, not an invented 0


def test_dates_are_dates(sample: jixiao.Document) -> None:
    project = sample.forms[0].project
    assert project.name == "残疾人就业保障金"
    assert type(project.start_date) is datetime.date
    assert project.start_date == datetime.date(2026, 1, 1)
    assert project.end_date == datetime.date(2026, 12, 31)
    assert sample.forms[0].year == 2026


def test_attribute_access_uses_contract_names(sample: jixiao.Document) -> None:
    form = sample.forms[2]
    assert form.project.name == "党建经费"
    assert form.project.category == "特定目标类"
    assert form.funding.annual_total == decimal.Decimal("200000.00")
    first = form.indicators[0]
    assert (first.level1, first.level2, first.name) == ("成本指标", "经济成本指标", "培训经济成本")
    t = first.target
    assert (t.raw, t.kind, t.cmp, t.unit, t.text) == ("≤130.00(元/人/天)", "quantitative", "<=", "元/人/天", None)
    assert t.value == decimal.Decimal("130.00") and isinstance(t.value, decimal.Decimal)
    assert first.span.start_line == first.span.end_line == 53
    assert (form.span.start_line, form.span.end_line) == (41, 58)
    qualitative = sample.forms[0].indicators[3]
    assert (qualitative.target.kind, qualitative.target.text, qualitative.target.value) == ("qualitative", "及时", None)


def test_bundled_sample_is_the_fixture(sample_text: str) -> None:
    assert jixiao.SAMPLE == sample_text


def test_parse_file_accepts_str_and_pathlike(sample: jixiao.Document) -> None:
    assert jixiao.parse_file(str(SAMPLE_PATH)) == sample
    assert jixiao.parse_file(SAMPLE_PATH) == sample


def test_parse_file_with_bom_and_crlf(tmp_path: pathlib.Path, sample: jixiao.Document, sample_text: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + sample_text.replace("\n", "\r\n").encode("utf-8"))
    doc = jixiao.parse_file(path)
    assert len(doc.forms) == 30
    assert [f.project for f in doc.forms] == [f.project for f in sample.forms]
    assert [f.funding for f in doc.forms] == [f.funding for f in sample.forms]
    # Lines are counted the same way: the BOM is not a line and CRLF is one break.
    assert doc.forms[2].span.start_line == 41


def test_parse_file_invalid_utf8(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "gbk.txt"
    # Line 2 starts with "项目名称" then the GBK bytes of "党建".
    path.write_bytes("财政项目支出绩效目标申报表\n项目名称\t".encode("utf-8") + "党建".encode("gbk"))
    for strict in (False, True):
        with pytest.raises(jixiao.ParseError) as info:
            jixiao.parse_file(path, strict=strict)
        err = info.value
        assert isinstance(err, ValueError)
        assert err.code == "invalid-utf8"
        assert (err.line, err.column) == (2, 6)
        assert err.document is None
        assert [d.code for d in err.diagnostics] == ["invalid-utf8"]
        assert "not UTF-8" in str(err)


def test_parse_file_missing() -> None:
    with pytest.raises(FileNotFoundError):
        jixiao.parse_file(BROKEN_PATH.with_name("no-such-file.txt"))


def test_layouts() -> None:
    assert jixiao.LAYOUTS == ("auto", "tab", "grid", "spaced", "plain", "flow")
    for layout in ("auto", "tab", "grid"):
        doc = jixiao.parse(jixiao.SAMPLE, layout=layout)
        assert len(doc.forms) == 30
        assert doc.layout == ("tab" if layout == "auto" else layout)
    for call in (
        lambda: jixiao.parse(jixiao.SAMPLE, layout="pdf"),
        lambda: jixiao.parse_file(SAMPLE_PATH, layout="TAB"),
        lambda: jixiao.parse_rows([], layout=""),
        lambda: jixiao.parse_rows([], layout="spaced"),
    ):
        with pytest.raises(ValueError, match="unknown layout"):
            call()
    with pytest.raises(ValueError, match="'auto', 'tab', 'grid', 'spaced', 'plain', 'flow'"):
        jixiao.parse("", layout="layout")


def test_parse_file_of_pdftotext_layout(sample: jixiao.Document, spaced: jixiao.Document) -> None:
    # sample-a.layout.txt is `pdftotext -layout` of the sample's 30 forms printed to PDF.
    assert spaced.layout == "spaced"
    assert len(spaced.forms) == 30
    assert spaced.indicator_count == 177
    total = sum(f.funding.annual_total for f in spaced.forms if f.funding.annual_total is not None)
    assert total == decimal.Decimal("499010781.00") and str(total) == "499010781.00"
    assert [f.project.name for f in spaced.forms] == [f.project.name for f in sample.forms]
    # Detection and the forced layout agree; forcing "tab" reads it differently.
    text = SPACED_PATH.read_text(encoding="utf-8")
    assert jixiao.parse(text) == spaced
    assert jixiao.parse(text, layout="spaced") == spaced
    assert jixiao.parse_file(SPACED_PATH, layout="spaced", strict=True) == spaced
    assert jixiao.parse(text, layout="tab").layout == "tab"
    # pdfplumber extract_text() keeps no columns: detected as "flow".
    flow = jixiao.parse_file(SPACED_PATH.with_name("sample-a.plumber-text.txt"))
    assert flow.layout == "flow" and len(flow.forms) == 30


def test_strict_with_a_forced_layout() -> None:
    with pytest.raises(jixiao.ParseError) as info:
        jixiao.parse("hello", layout="spaced", strict=True)
    assert info.value.code == "no-forms"
    assert info.value.document is not None and info.value.document.layout == "spaced"
    with pytest.raises(jixiao.ParseError) as info:
        jixiao.parse_file(BROKEN_PATH, layout="tab", strict=True)
    assert info.value.code == "invalid-date" and info.value.line == 9
    assert "(2 more errors)" in str(info.value)


def test_parse_rows_over_pdfplumber_tables(sample: jixiao.Document) -> None:
    tables = json.loads(PLUMBER_TABLES_PATH.read_text(encoding="utf-8"))
    rows = [row for table in tables for row in table]
    assert any(cell is None for row in rows for cell in row)
    doc = jixiao.parse_rows(rows)
    assert doc.layout == "grid"
    assert len(doc.forms) == 30
    assert [f.project.name for f in doc.forms] == [f.project.name for f in sample.forms]


def test_parse_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="parse_file"):
        jixiao.parse(SAMPLE_PATH.read_bytes())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        jixiao.parse_rows("财政项目支出绩效目标申报表")


def test_empty_and_non_form_text() -> None:
    assert [d.code for d in jixiao.parse("").diagnostics] == ["empty-input"]
    doc = jixiao.parse("hello")
    assert doc.forms == ()
    assert "no-forms" in [d.code for d in doc.diagnostics]
    assert doc.has_errors


def test_parse_rows_is_the_grid_entry_point(sample: jixiao.Document, sample_text: str) -> None:
    rows = [line.split("\t") for line in sample_text.split("\n")]
    doc = jixiao.parse_rows(rows)
    assert len(doc.forms) == 30 and doc.indicator_count == 177
    for a, b in zip(doc.forms, sample.forms):
        assert (a.project, a.funding, a.goals) == (b.project, b.funding, b.goals)
        assert [(i.name, i.target) for i in a.indicators] == [(i.name, i.target) for i in b.indicators]
        # Rows are lines.
        assert (a.span.start_line, a.span.end_line) == (b.span.start_line, b.span.end_line)


def test_parse_rows_cells() -> None:
    # Generators, None cells and numbers work; text wrapped inside a cell is joined.
    grid = (
        r
        for r in [
            ["财政项目支出绩效目标申报表", None],
            ["(2026 年度)"],
            ["项目名称", "示例\n项目", "项目性质", "经常性项目"],
            ["主管部门", "Jing'an\nBureau", "实施单位", None],
            ["计划开始日期", "2026-01-01", "计划完成日期", "2026-12-31"],
            ["项目资金(元)", "项目资金总额:", None, "年度资金申请总额:", 1900],
        ]
    )
    doc = jixiao.parse_rows(grid)
    form = doc.forms[0]
    assert form.year == 2026
    assert form.project.name == "示例项目"  # wrapped CJK text inside a cell is joined
    assert form.project.department == "Jing'an Bureau"  # one space between Latin words
    assert doc.layout == "grid"
    assert form.project.nature == "经常性项目"
    assert form.project.end_date == datetime.date(2026, 12, 31)
    assert form.funding.annual_total == decimal.Decimal("1900")
    truncated = [d for d in doc.diagnostics if d.code == "truncated-form"]
    assert truncated and truncated[0].span is not None
    assert truncated[0].span.start_line == 1
