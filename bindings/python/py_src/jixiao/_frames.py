"""pandas views of a Document (``Document.forms_frame`` / ``indicators_frame``).

A convenience over the model only: every value comes from the Document's
attributes; nothing here reads form text.
"""

from __future__ import annotations

import decimal
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from ._model import _MONEY

if TYPE_CHECKING:  # pragma: no cover
    from ._model import Document

# The national tree's level-1 order (成本 first, as the Shanghai forms print it).
LEVEL1_ORDER = ["成本指标", "产出指标", "效益指标", "满意度指标"]

# The funding fields, in the contract's order (defined once, in _model).
_FUNDING = _MONEY
_ANNUAL = tuple(key for key in _MONEY if key.startswith("annual_"))


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as err:  # pragma: no cover - exercised with pandas hidden
        raise ImportError(
            "jixiao's DataFrame helpers need pandas, which is not installed; "
            "install it with: pip install 'jixiao[pandas]'"
        ) from err
    return pandas


def _money(pd: Any, values: List[Optional[decimal.Decimal]], exact: bool) -> Any:
    if exact:
        return pd.Series(values, dtype=object)
    return pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")


def _strings(pd: Any, values: List[Optional[str]]) -> Any:
    return pd.Series(values, dtype="string")


def _category(pd: Any, values: List[Optional[str]], order: Optional[List[str]] = None) -> Any:
    if order is None:
        return pd.Series(values, dtype="category")
    extra = sorted({v for v in values if v is not None and v not in order})
    dtype = pd.CategoricalDtype(order + extra, ordered=True)
    return pd.Series(values, dtype=dtype)


def _dates(pd: Any, values: List[Any]) -> Any:
    return pd.Series(pd.to_datetime(pd.Series(values, dtype=object))).astype("datetime64[ns]")


def _ints(pd: Any, values: List[int]) -> Any:
    return pd.Series(values, dtype="int64")


def forms_frame(doc: Document, *, exact: bool = False) -> Any:  # pandas.DataFrame
    """One row per form; see :meth:`jixiao.Document.forms_frame`."""
    pd = _pandas()
    forms = doc.forms
    cols: Dict[str, Any] = {
        "form": _ints(pd, list(range(len(forms)))),
        "year": pd.Series([f.year for f in forms], dtype="Int64"),
        "name": _strings(pd, [f.project.name for f in forms]),
        "nature": _category(pd, [f.project.nature for f in forms]),
        "category": _category(pd, [f.project.category for f in forms]),
        "department": _strings(pd, [f.project.department for f in forms]),
        "implementer": _strings(pd, [f.project.implementer for f in forms]),
        "start_date": _dates(pd, [f.project.start_date for f in forms]),
        "end_date": _dates(pd, [f.project.end_date for f in forms]),
        "unit": _category(pd, [f.funding.unit for f in forms]),
    }
    for key in _FUNDING:
        cols[key] = _money(pd, [getattr(f.funding, key) for f in forms], exact)
    cols["project_goal"] = _strings(pd, [f.goals.project for f in forms])
    cols["annual_goal"] = _strings(pd, [f.goals.annual for f in forms])
    cols["indicator_count"] = _ints(pd, [len(f.indicators) for f in forms])
    cols["start_line"] = _ints(pd, [f.span.start_line for f in forms])
    cols["end_line"] = _ints(pd, [f.span.end_line for f in forms])
    return pd.DataFrame(cols)


def indicators_frame(doc: Document, *, exact: bool = False) -> Any:  # pandas.DataFrame
    """One row per indicator; see :meth:`jixiao.Document.indicators_frame`."""
    pd = _pandas()
    rows = [(i, f, ind) for i, f in enumerate(doc.forms) for ind in f.indicators]
    cols: Dict[str, Any] = {
        "form": _ints(pd, [i for i, _, _ in rows]),
        "project_name": _strings(pd, [f.project.name for _, f, _ in rows]),
        "category": _category(pd, [f.project.category for _, f, _ in rows]),
        "funding_unit": _category(pd, [f.funding.unit for _, f, _ in rows]),
    }
    for key in _ANNUAL:
        cols[key] = _money(pd, [getattr(f.funding, key) for _, f, _ in rows], exact)
    cols.update(
        {
            "level1": _category(pd, [x.level1 for _, _, x in rows], LEVEL1_ORDER),
            "level2": _category(pd, [x.level2 for _, _, x in rows]),
            "name": _strings(pd, [x.name for _, _, x in rows]),
            "raw": _strings(pd, [x.target.raw for _, _, x in rows]),
            "kind": _category(pd, [x.target.kind for _, _, x in rows]),
            "cmp": _category(pd, [x.target.cmp for _, _, x in rows]),
            "value": _money(pd, [x.target.value for _, _, x in rows], exact),
            "unit": _strings(pd, [x.target.unit for _, _, x in rows]),
            "text": _strings(pd, [x.target.text for _, _, x in rows]),
            "start_line": _ints(pd, [x.span.start_line for _, _, x in rows]),
            "end_line": _ints(pd, [x.span.end_line for _, _, x in rows]),
        }
    )
    return pd.DataFrame(cols)
