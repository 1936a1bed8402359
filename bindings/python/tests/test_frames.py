"""pandas helpers: Document.forms_frame() and Document.indicators_frame()."""

from __future__ import annotations

import decimal
import sys

import pytest

import jixiao

pd = pytest.importorskip("pandas")
from pandas.api import types as ptypes  # noqa: E402


def test_forms_frame_shape_and_dtypes(sample: jixiao.Document) -> None:
    df = sample.forms_frame()
    assert df.shape == (30, 22)
    assert list(df["form"]) == list(range(30))
    assert str(df["year"].dtype) == "Int64"
    assert ptypes.is_string_dtype(df["name"]) and df["name"].dtype != object
    assert isinstance(df["category"].dtype, pd.CategoricalDtype)
    assert ptypes.is_datetime64_any_dtype(df["start_date"])
    assert df["start_date"].iloc[0] == pd.Timestamp("2026-01-01")
    assert df["annual_total"].dtype == "float64"
    assert df["project_total"].isna().all()  # blank in every form of the sample
    assert df["annual_total"].sum() == pytest.approx(499010781.00)
    assert df["indicator_count"].sum() == 177
    assert df.loc[2, "name"] == "党建经费"
    assert df.loc[2, "start_line"] == 41


def test_forms_frame_exact_keeps_decimals(sample: jixiao.Document) -> None:
    df = sample.forms_frame(exact=True)
    assert df["annual_total"].dtype == object
    assert all(isinstance(v, decimal.Decimal) for v in df["annual_total"])
    assert sum(df["annual_total"]) == decimal.Decimal("499010781.00")


def test_indicators_frame_shape_and_dtypes(sample: jixiao.Document) -> None:
    df = sample.indicators_frame()
    assert df.shape == (177, 19)
    assert df["form"].nunique() == 30
    level1 = df["level1"].dtype
    assert isinstance(level1, pd.CategoricalDtype) and level1.ordered
    assert list(level1.categories[:4]) == ["成本指标", "产出指标", "效益指标", "满意度指标"]
    for col in ("level2", "kind", "cmp", "category"):
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
    for col in ("project_name", "name", "raw", "unit", "text"):
        assert ptypes.is_string_dtype(df[col]) and df[col].dtype != object, col
    assert df["value"].dtype == "float64"
    row = df.iloc[sample.forms[0].indicators.__len__() + sample.forms[1].indicators.__len__()]
    assert row["project_name"] == "党建经费"
    assert row["name"] == "培训经济成本"
    assert row["value"] == 130.0 and row["cmp"] == "<="
    assert row["annual_total"] == 200000.0
    # Qualitative targets have text and no value.
    qualitative = df[df["kind"] == "qualitative"]
    assert qualitative["value"].isna().all() and qualitative["text"].notna().all()
    assert len(qualitative) + len(df[df["kind"] == "quantitative"]) == 177


def test_indicators_frame_exact(sample: jixiao.Document) -> None:
    df = sample.indicators_frame(exact=True)
    values = [v for v in df["value"] if v is not None]
    assert values and all(isinstance(v, decimal.Decimal) for v in values)


def test_empty_document_frames() -> None:
    doc = jixiao.parse("")
    assert doc.forms_frame().shape == (0, 22)
    assert doc.indicators_frame().shape == (0, 19)


def test_missing_pandas_gives_a_clear_error(sample: jixiao.Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` raise ImportError
    with pytest.raises(ImportError, match=r"pip install 'jixiao\[pandas\]'"):
        sample.forms_frame()
    with pytest.raises(ImportError, match="need pandas"):
        sample.indicators_frame()
