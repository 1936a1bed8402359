"""The model objects: conversions (dict/JSON), pickling, equality, reprs, render."""

from __future__ import annotations

import copy
import dataclasses
import decimal
import json
import pickle

import pytest

import jixiao


def test_to_dict_is_the_json_contract(sample: jixiao.Document) -> None:
    d = sample.to_dict()
    # Exactly what the Rust core writes, parsed.
    assert json.loads(sample.to_json()) == d
    assert d["schema_version"] == 1
    form = d["forms"][2]
    assert form["project"]["start_date"] == "2026-01-01"
    assert form["funding"]["annual_total"] == "200000.00"
    assert form["funding"]["annual_carryover"] == "0.00"
    assert form["funding"]["project_total"] is None
    target = form["indicators"][0]["target"]
    assert target == {
        "raw": "≤130.00(元/人/天)",
        "kind": "quantitative",
        "cmp": "<=",
        "value": "130.00",
        "unit": "元/人/天",
        "text": None,
    }
    assert form["span"]["start_line"] == 41
    json.dumps(d)  # plain JSON data throughout


def test_to_json_matches_the_core(sample: jixiao.Document) -> None:
    text = sample.to_json()
    assert text.startswith("{\n  \"schema_version\": 1,")
    assert "党建经费" in text  # characters kept, not \u-escaped


def test_json_and_dict_round_trips(
    sample: jixiao.Document, broken: jixiao.Document, spaced: jixiao.Document
) -> None:
    for doc in (sample, broken, spaced):
        assert jixiao.Document.from_json(doc.to_json()) == doc
        assert jixiao.Document.from_dict(doc.to_dict()) == doc
        assert jixiao.Document.from_dict(json.loads(doc.to_json())) == doc


def test_from_json_rejects_non_documents() -> None:
    with pytest.raises(ValueError, match="not a v1 document"):
        jixiao.Document.from_json('{"forms": 3}')
    with pytest.raises(ValueError, match="not a v1 document"):
        jixiao.Document.from_json("not json")
    with pytest.raises(ValueError, match="not a v1 document"):
        jixiao.Document.from_dict({"schema_version": 1})


def test_layout_is_carried(sample: jixiao.Document, spaced: jixiao.Document) -> None:
    assert (sample.layout, spaced.layout) == ("tab", "spaced")
    assert sample.to_dict()["layout"] == "tab"
    assert spaced.to_dict()["layout"] == "spaced"
    assert json.loads(spaced.to_json())["layout"] == "spaced"
    assert jixiao.Document.from_json(spaced.to_json()).layout == "spaced"
    assert jixiao.Document.from_dict(spaced.to_dict()).layout == "spaced"
    assert pickle.loads(pickle.dumps(spaced)).layout == "spaced"
    # A v1 document written before the field existed reads as "tab".
    old = sample.to_dict()
    del old["layout"]
    assert jixiao.Document.from_dict(old).layout == "tab"
    assert dataclasses.replace(sample, layout="grid").to_dict()["layout"] == "grid"


def test_pickle_round_trip(
    sample: jixiao.Document, broken: jixiao.Document, spaced: jixiao.Document
) -> None:
    for doc in (sample, broken, spaced):
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            again = pickle.loads(pickle.dumps(doc, protocol=protocol))
            assert again == doc
            assert type(again) is jixiao.Document
    form = pickle.loads(pickle.dumps(sample.forms[2]))
    assert form == sample.forms[2]
    assert isinstance(form.funding.annual_total, decimal.Decimal)
    assert copy.deepcopy(sample) == sample


def test_objects_are_frozen_values(sample: jixiao.Document) -> None:
    form = sample.forms[2]
    with pytest.raises(dataclasses.FrozenInstanceError):
        form.year = 2027  # type: ignore[misc]
    assert isinstance(sample.forms, tuple) and isinstance(form.indicators, tuple)
    renamed = dataclasses.replace(form, project=dataclasses.replace(form.project, name="改名"))
    assert renamed.project.name == "改名" and form.project.name == "党建经费"
    assert hash(form) == hash(pickle.loads(pickle.dumps(form)))
    assert len({f.project for f in sample.forms}) <= 30


def test_reprs_are_short_and_useful(sample: jixiao.Document) -> None:
    assert repr(sample) == (
        "Document(title='上海市静安区人力资源和社会保障局 2026 年…', layout='tab', forms=<30>, indicators=<177>, diagnostics=<0>)"
    )
    form = sample.forms[2]
    assert repr(form) == "Form(year=2026, name='党建经费', annual_total=Decimal('200000.00'), indicators=<6>, lines=41-58)"
    assert repr(form.indicators[0]) == (
        "Indicator(level1='成本指标', level2='经济成本指标', name='培训经济成本', target='≤130.00(元/人/天)', line=53)"
    )
    assert repr(form.funding).startswith("Funding(unit='元', annual_total=Decimal('200000.00')")
    assert repr(form.span) == "Span(lines 41-58)"
    for obj in (sample, form, form.project, form.funding, form.goals, form.indicators[0], form.indicators[0].target):
        assert len(repr(obj)) < 200


def test_public_classes_live_in_jixiao() -> None:
    for cls in (jixiao.Document, jixiao.Form, jixiao.Indicator, jixiao.ParseError, jixiao.Diagnostic):
        assert cls.__module__ == "jixiao"


def test_render_round_trip(sample: jixiao.Document) -> None:
    text = jixiao.render(sample)
    assert text.count("财政项目支出绩效目标申报表") == 30
    again = jixiao.parse(text)
    assert len(again.forms) == 30
    for a, b in zip(again.forms, sample.forms):
        assert (a.project, a.funding, a.goals) == (b.project, b.funding, b.goals)
        assert [(i.name, i.target) for i in a.indicators] == [(i.name, i.target) for i in b.indicators]


def test_render_an_edited_document(sample: jixiao.Document) -> None:
    form = sample.forms[2]
    edited = dataclasses.replace(
        sample,
        forms=(dataclasses.replace(form, funding=dataclasses.replace(form.funding, annual_total=decimal.Decimal("1.50"))),),
    )
    again = jixiao.parse(jixiao.render(edited))
    assert again.forms[0].funding.annual_total == decimal.Decimal("1.50")
    assert again.forms[0].project.name == "党建经费"


def test_version_comes_from_cargo() -> None:
    import pathlib
    import re

    cargo = (pathlib.Path(__file__).resolve().parents[3] / "Cargo.toml").read_text(encoding="utf-8")
    workspace_version = re.search(r'^version = "([^"]+)"', cargo, re.M)
    assert workspace_version is not None
    assert jixiao.__version__ == workspace_version.group(1)
