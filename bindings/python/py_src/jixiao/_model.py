"""The v1 data model as immutable Python objects.

Every class mirrors a type of the Rust core (``crates/jixiao/src/model.rs`` and
``diagnostic.rs``) and uses the v1 contract's field names
(``docs/contract-v1.md``). Objects are built from the plain data that the
native module returns; nothing here reads form text. Money and target values
are :class:`decimal.Decimal` (the scale written in the form is kept:
``Decimal('0.00')``), plan dates are :class:`datetime.date`, sequences are
tuples. Objects are frozen dataclasses: compare them with ``==``, copy them
with :func:`dataclasses.replace`, pickle them.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from . import _jixiao

__all__ = [
    "Diagnostic",
    "Document",
    "Form",
    "Funding",
    "Goals",
    "Indicator",
    "ParseError",
    "PdfError",
    "Project",
    "SourceSpan",
    "Span",
    "Target",
]

_MAX_REPR_TEXT = 24


def _short(value: Any) -> str:
    """One field of a repr: long texts cut, sequences counted."""
    if isinstance(value, str) and len(value) > _MAX_REPR_TEXT:
        return repr(value[: _MAX_REPR_TEXT - 1] + "…")
    if isinstance(value, tuple):
        return f"<{len(value)}>"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return repr(value)


def _repr(obj: Any, *names: str) -> str:
    """``Name(field=value, …)`` over the given fields, leaving out ``None``s."""
    parts = []
    for name in names:
        value = getattr(obj, name)
        if value is not None:
            parts.append(f"{name}={_short(value)}")
    return f"{type(obj).__name__}({', '.join(parts)})"


def _dec(text: Optional[str]) -> Optional[decimal.Decimal]:
    return None if text is None else decimal.Decimal(text)


def _dec_str(value: Optional[decimal.Decimal]) -> Optional[str]:
    # "f" keeps the scale (Decimal('0.00') -> '0.00') and never writes an exponent.
    return None if value is None else format(value, "f")


def _date(text: Optional[str]) -> Optional[datetime.date]:
    return None if text is None else datetime.date.fromisoformat(text)


def _date_str(value: Optional[datetime.date]) -> Optional[str]:
    return None if value is None else value.isoformat()


@dataclass(frozen=True)
class Span:
    """The lines an object occupies in the input: 1-based, ``end_line``
    inclusive; plus 0-based byte offsets into the UTF-8 text (end exclusive)."""

    start_line: int
    end_line: int
    start_byte: int
    end_byte: int

    def __repr__(self) -> str:
        return f"Span(lines {self.start_line}-{self.end_line})"

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> Span:
        return cls(d["start_line"], d["end_line"], d["start_byte"], d["end_byte"])

    def to_dict(self) -> Dict[str, Any]:
        """The contract's JSON shape of this span."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class SourceSpan:
    """Where a diagnostic points. Lines and columns are 1-based and inclusive;
    columns count characters (Unicode scalar values), the ``_utf16`` columns
    count UTF-16 code units (for JavaScript editors); byte offsets are 0-based
    into the UTF-8 text, end exclusive."""

    start_line: int
    end_line: int
    start_col: int
    end_col: int
    start_col_utf16: int
    end_col_utf16: int
    start_byte: int
    end_byte: int

    def __repr__(self) -> str:
        end = "" if self.end_line == self.start_line else f"-{self.end_line}"
        return f"SourceSpan(line {self.start_line}{end}, columns {self.start_col}-{self.end_col})"

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> SourceSpan:
        return cls(
            d["start_line"],
            d["end_line"],
            d["start_col"],
            d["end_col"],
            d["start_col_utf16"],
            d["end_col_utf16"],
            d["start_byte"],
            d["end_byte"],
        )

    def to_dict(self) -> Dict[str, Any]:
        """The contract's JSON shape of this span."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Diagnostic:
    """One thing the library has to say about the input (or, from
    :func:`jixiao.check`, one rule finding).

    ``code`` is a stable kebab-case identifier (``"invalid-amount"``; see
    :func:`jixiao.diagnostic_codes`), ``severity`` is ``"error"``,
    ``"warning"`` or ``"info"``, ``span`` is where (or ``None``) and ``form``
    the index into :attr:`Document.forms` it concerns (or ``None``).
    """

    code: str
    severity: str
    message: str
    span: Optional[SourceSpan]
    form: Optional[int]

    @property
    def line(self) -> Optional[int]:
        """The 1-based line the diagnostic starts on, when it has a place."""
        return None if self.span is None else self.span.start_line

    @property
    def column(self) -> Optional[int]:
        """The 1-based column (in characters) it starts at, when it has a place."""
        return None if self.span is None else self.span.start_col

    def __repr__(self) -> str:
        where = "" if self.span is None else f" line {self.line}, column {self.column}"
        form = "" if self.form is None else f" form {self.form}"
        return f"<Diagnostic {self.severity}[{self.code}]{where}{form}: {_short(self.message)}>"

    def __str__(self) -> str:
        where = "" if self.span is None else f" (line {self.line}, column {self.column})"
        return f"{self.severity}[{self.code}]: {self.message}{where}"

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> Diagnostic:
        span = d["span"]
        return cls(
            d["code"],
            d["severity"],
            d["message"],
            None if span is None else SourceSpan._from_dict(span),
            d["form"],
        )

    def to_dict(self) -> Dict[str, Any]:
        """The contract's JSON shape of this diagnostic."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "span": None if self.span is None else self.span.to_dict(),
            "form": self.form,
        }


@dataclass(frozen=True)
class Project:
    """The project rows, 项目名称 … 计划完成日期. Texts are as written
    (whitespace-normalised); a row that is not in the form is ``None``."""

    name: Optional[str]
    nature: Optional[str]
    category: Optional[str]
    department: Optional[str]
    implementer: Optional[str]
    start_date: Optional[datetime.date]
    end_date: Optional[datetime.date]

    def __repr__(self) -> str:
        return _repr(self, "name", "nature", "category", "start_date", "end_date")

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> Project:
        return cls(
            d["name"],
            d["nature"],
            d["category"],
            d["department"],
            d["implementer"],
            _date(d["start_date"]),
            _date(d["end_date"]),
        )

    def to_dict(self) -> Dict[str, Any]:
        """The contract's JSON shape (dates as ``YYYY-MM-DD`` strings)."""
        return {
            "name": self.name,
            "nature": self.nature,
            "category": self.category,
            "department": self.department,
            "implementer": self.implementer,
            "start_date": _date_str(self.start_date),
            "end_date": _date_str(self.end_date),
        }


_MONEY = (
    "project_total",
    "project_fiscal",
    "project_other",
    "annual_total",
    "annual_appropriation",
    "annual_carryover",
    "annual_other",
)


@dataclass(frozen=True)
class Funding:
    """The 项目资金 block: the whole-project column (``project_*``) and the
    annual column (``annual_*``), exact :class:`~decimal.Decimal` amounts in
    ``unit`` (``"元"`` or ``"万元"``). A blank cell is ``None``."""

    unit: Optional[str]
    project_total: Optional[decimal.Decimal]
    project_fiscal: Optional[decimal.Decimal]
    project_other: Optional[decimal.Decimal]
    annual_total: Optional[decimal.Decimal]
    annual_appropriation: Optional[decimal.Decimal]
    annual_carryover: Optional[decimal.Decimal]
    annual_other: Optional[decimal.Decimal]

    def __repr__(self) -> str:
        return _repr(self, "unit", *_MONEY)

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> Funding:
        return cls(d["unit"], *(_dec(d[k]) for k in _MONEY))

    def to_dict(self) -> Dict[str, Any]:
        """The contract's JSON shape (amounts as decimal strings, scale kept)."""
        out: Dict[str, Any] = {"unit": self.unit}
        for k in _MONEY:
            out[k] = _dec_str(getattr(self, k))
        return out


@dataclass(frozen=True)
class Goals:
    """The 项目绩效目标 block: 项目总目标 (``project``) and 年度总体目标 (``annual``)."""

    project: Optional[str]
    annual: Optional[str]

    def __repr__(self) -> str:
        return _repr(self, "project", "annual")

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> Goals:
        return cls(d["project"], d["annual"])

    def to_dict(self) -> Dict[str, Any]:
        """The contract's JSON shape of the goals."""
        return {"project": self.project, "annual": self.annual}


@dataclass(frozen=True)
class Target:
    """A target value (指标值). ``raw`` is the cell as written; a quantitative
    target (``kind == "quantitative"``) has ``cmp`` (``"="``, ``">="``,
    ``"<="``, ``">"``, ``"<"`` or ``None``), an exact ``value`` and maybe a
    ``unit``; a qualitative one has ``text``."""

    raw: str
    kind: str
    cmp: Optional[str]
    value: Optional[decimal.Decimal]
    unit: Optional[str]
    text: Optional[str]

    def __repr__(self) -> str:
        return _repr(self, "raw", "kind", "cmp", "value", "unit", "text")

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> Target:
        return cls(d["raw"], d["kind"], d["cmp"], _dec(d["value"]), d["unit"], d["text"])

    def to_dict(self) -> Dict[str, Any]:
        """The contract's JSON shape (the value as a decimal string)."""
        return {
            "raw": self.raw,
            "kind": self.kind,
            "cmp": self.cmp,
            "value": _dec_str(self.value),
            "unit": self.unit,
            "text": self.text,
        }


@dataclass(frozen=True)
class Indicator:
    """One 三级指标 row of the 绩效指标 table. ``level1``/``level2`` are the
    normalised labels (``"成本指标"``, ``"数量指标"`` …; labels outside the
    national tree as written), ``name`` the indicator's own name."""

    level1: Optional[str]
    level2: Optional[str]
    name: str
    target: Target
    span: Span

    def __repr__(self) -> str:
        return (
            f"Indicator(level1={self.level1!r}, level2={self.level2!r}, "
            f"name={_short(self.name)}, target={_short(self.target.raw)}, line={self.span.start_line})"
        )

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> Indicator:
        return cls(
            d["level1"],
            d["level2"],
            d["name"],
            Target._from_dict(d["target"]),
            Span._from_dict(d["span"]),
        )

    def to_dict(self) -> Dict[str, Any]:
        """The contract's JSON shape of this indicator."""
        return {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "target": self.target.to_dict(),
            "span": self.span.to_dict(),
        }


@dataclass(frozen=True)
class Form:
    """One 财政项目支出绩效目标申报表: its year (``None`` when the text has
    none), project rows, funding, goals, indicators and the lines it spans."""

    year: Optional[int]
    project: Project
    funding: Funding
    goals: Goals
    indicators: Tuple[Indicator, ...]
    span: Span

    def __repr__(self) -> str:
        return (
            f"Form(year={self.year!r}, name={_short(self.project.name)}, "
            f"annual_total={self.funding.annual_total!r}, indicators=<{len(self.indicators)}>, "
            f"lines={self.span.start_line}-{self.span.end_line})"
        )

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> Form:
        return cls(
            d["year"],
            Project._from_dict(d["project"]),
            Funding._from_dict(d["funding"]),
            Goals._from_dict(d["goals"]),
            tuple(Indicator._from_dict(i) for i in d["indicators"]),
            Span._from_dict(d["span"]),
        )

    def to_dict(self) -> Dict[str, Any]:
        """The contract's JSON shape of this form."""
        return {
            "year": self.year,
            "project": self.project.to_dict(),
            "funding": self.funding.to_dict(),
            "goals": self.goals.to_dict(),
            "indicators": [i.to_dict() for i in self.indicators],
            "span": self.span.to_dict(),
        }


@dataclass(frozen=True)
class Document:
    """A parsed input: the document title (or ``None``), the forms in input
    order and every diagnostic raised while reading.

    Build one with :func:`jixiao.parse`, :func:`jixiao.parse_file`,
    :func:`jixiao.parse_rows`, :meth:`Document.from_json` or
    :meth:`Document.from_dict`.
    """

    schema_version: int
    title: Optional[str]
    forms: Tuple[Form, ...]
    diagnostics: Tuple[Diagnostic, ...]
    layout: str = "tab"
    """The layout the text was read as: ``"tab"``, ``"grid"``, ``"spaced"``, ``"plain"`` or ``"flow"``
    (detected, or the ``layout`` given to :func:`jixiao.parse`)."""

    def __repr__(self) -> str:
        return (
            f"Document(title={_short(self.title)}, layout={self.layout!r}, forms=<{len(self.forms)}>, "
            f"indicators=<{self.indicator_count}>, diagnostics=<{len(self.diagnostics)}>)"
        )

    @property
    def indicator_count(self) -> int:
        """The number of indicators over all forms."""
        return sum(len(f.indicators) for f in self.forms)

    @property
    def has_errors(self) -> bool:
        """Whether any diagnostic has ``"error"`` severity."""
        return any(d.severity == "error" for d in self.diagnostics)

    @classmethod
    def _from_dict(cls, d: Dict[str, Any]) -> Document:
        return cls(
            d["schema_version"],
            d["title"],
            tuple(Form._from_dict(f) for f in d["forms"]),
            tuple(Diagnostic._from_dict(x) for x in d["diagnostics"]),
            d.get("layout", "tab"),
        )

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> Document:
        """Build a document from the contract's JSON shape (as :meth:`to_dict`
        or ``json.loads`` give it). The core checks the shape; a dict that is
        not a v1 document raises :class:`ValueError`."""
        return cls._from_dict(_jixiao.normalise(data))

    @classmethod
    def from_json(cls, text: str) -> Document:
        """Read a document from v1 JSON text (as :meth:`to_json` or the CLI's
        ``--format json`` write it). Raises :class:`ValueError` when the text
        is not a v1 document."""
        return cls._from_dict(_jixiao.from_json(text))

    def to_dict(self) -> Dict[str, Any]:
        """The document in the v1 contract's JSON shape: plain dicts, lists,
        strings, ints and ``None``; amounts and target values are decimal
        strings (``"0.00"``), dates ``"YYYY-MM-DD"``. ``json.dumps`` takes it
        as it is."""
        return {
            "schema_version": self.schema_version,
            "title": self.title,
            "forms": [f.to_dict() for f in self.forms],
            "diagnostics": [x.to_dict() for x in self.diagnostics],
            "layout": self.layout,
        }

    def to_json(self) -> str:
        """The v1 contract's JSON text, exactly as the Rust core writes it
        (pretty-printed, non-ASCII characters kept)."""
        return _jixiao.to_json(self.to_dict())

    def forms_frame(self, *, exact: bool = False) -> Any:  # pandas.DataFrame (pandas is optional)
        """One row per form (needs pandas: ``pip install 'jixiao[pandas]'``).

        Columns: ``form`` (index into :attr:`forms`), ``year`` (Int64), the
        project fields (``name`` … ``implementer`` as string, ``nature`` and
        ``category`` as category, ``start_date``/``end_date`` as
        datetime64), ``unit`` and the seven funding amounts (float64, or
        exact ``Decimal`` objects when ``exact=True``), ``project_goal``,
        ``annual_goal``, ``indicator_count``, ``start_line`` and
        ``end_line``.
        """
        from ._frames import forms_frame

        return forms_frame(self, exact=exact)

    def indicators_frame(self, *, exact: bool = False) -> Any:  # pandas.DataFrame (pandas is optional)
        """One row per indicator, with its form's columns (needs pandas:
        ``pip install 'jixiao[pandas]'``).

        Columns: ``form``, ``project_name``, ``category`` and the form's
        funding (``funding_unit``, ``annual_total``, ``annual_appropriation``,
        ``annual_carryover``, ``annual_other``); then ``level1`` (ordered
        category 成本 < 产出 < 效益 < 满意度, other labels after),
        ``level2``, ``kind`` and ``cmp`` (category), ``name``, ``raw``,
        ``unit`` and ``text`` (string), ``value`` (float64, or ``Decimal``
        with ``exact=True``), ``start_line`` and ``end_line``.
        """
        from ._frames import indicators_frame

        return indicators_frame(self, exact=exact)


class ParseError(ValueError):
    """Raised when a document cannot be read: strict parsing found
    error-severity diagnostics, or the input bytes are not UTF-8.

    ``str(err)`` is the first error with a code frame. ``code`` is the first
    error's stable code (``"invalid-amount"``, ``"invalid-utf8"`` …),
    ``line``/``column`` where it is (1-based; ``None`` when it has no place),
    ``diagnostics`` every error-severity diagnostic, and ``document`` what
    lenient parsing read (``None`` for undecodable bytes).
    """

    code: str
    line: Optional[int]
    column: Optional[int]
    diagnostics: List[Diagnostic]
    document: Optional[Document]

    def __init__(
        self,
        message: str,
        *,
        code: str = "unknown",
        line: Optional[int] = None,
        column: Optional[int] = None,
        diagnostics: Optional[List[Diagnostic]] = None,
        document: Optional[Document] = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.line = line
        self.column = column
        self.diagnostics = list(diagnostics or ())
        self.document = document

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, line={self.line!r}, column={self.column!r})"


class PdfError(ParseError):
    """Raised by :func:`jixiao.parse_pdf` when the PDF itself cannot be read.

    ``code`` says why: ``"pdf-not-pdf"`` (not a PDF), ``"pdf-damaged"``
    (truncated, broken cross-references, a cyclic object graph),
    ``"pdf-encrypted"`` (needs a user password), ``"pdf-limit"`` (a size or
    operator limit was exceeded) or ``"pdf-unsupported"`` (a feature this
    version does not read, or a package built without PDF support).
    ``line`` and ``column`` are ``None``, ``diagnostics`` is empty and
    ``document`` is ``None``. A subclass of :class:`ParseError`, so one
    ``except jixiao.ParseError`` handles text and PDF inputs alike.
    """


for _cls in (
    Span,
    SourceSpan,
    Diagnostic,
    Project,
    Funding,
    Goals,
    Target,
    Indicator,
    Form,
    Document,
    ParseError,
    PdfError,
):
    # Public under `jixiao`: reprs, pickles and docs name `jixiao.Form`.
    _cls.__module__ = "jixiao"
del _cls
