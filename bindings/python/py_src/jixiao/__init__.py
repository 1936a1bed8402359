"""Read Chinese government 财政项目支出绩效目标申报表 (project-expenditure
performance-target declaration forms) into typed Python objects.

>>> import jixiao
>>> doc = jixiao.parse(jixiao.SAMPLE)
>>> len(doc.forms), doc.indicator_count
(30, 177)
>>> form = doc.forms[2]
>>> form.project.name, form.funding.annual_total
('党建经费', Decimal('200000.00'))
>>> form.indicators[0].target.value
Decimal('130.00')

All reading, validation and rendering happen in the Rust core (the ``jixiao``
crate), with the GIL released; this package converts the core's model into
frozen dataclasses whose field names are the v1 JSON contract's.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _jixiao
from ._model import (
    Diagnostic,
    Document,
    Form,
    Funding,
    Goals,
    Indicator,
    ParseError,
    Project,
    SourceSpan,
    Span,
    Target,
)

__all__ = [
    "SAMPLE",
    "SCHEMA_JSON",
    "SCHEMA_VERSION",
    "LAYOUTS",
    "Diagnostic",
    "Document",
    "Form",
    "Funding",
    "Goals",
    "Indicator",
    "ParseError",
    "Project",
    "SourceSpan",
    "Span",
    "Target",
    "check",
    "diagnostic_codes",
    "parse",
    "parse_file",
    "parse_rows",
    "render",
    "__version__",
]

__version__: str = _jixiao.__version__
"""The package version (the Rust crate's version)."""

SAMPLE: str = _jixiao.SAMPLE
"""The bundled real sample: 30 forms of the Jing'an District Human Resources
and Social Security Bureau for 2026, as a PDF-to-text tool gave them."""

SCHEMA_JSON: str = _jixiao.SCHEMA_JSON
"""The JSON Schema (draft 2020-12) of :meth:`Document.to_json`'s output."""

SCHEMA_VERSION: int = _jixiao.SCHEMA_VERSION
"""The version of the JSON contract this package reads and writes."""

LAYOUTS: Tuple[str, ...] = ("auto", "tab")
"""The values ``parse(layout=…)`` accepts. ``"auto"`` picks the layout from the
text; ``"tab"`` is the tab-separated cells that PDF-to-text tools write (the
only layout so far, so both read the same way)."""

_Source = Union[str, "os.PathLike[str]"]


def _check_layout(layout: str) -> None:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(map(repr, LAYOUTS))}")


def _finish(doc: Optional[Dict[str, Any]], err: Optional[Dict[str, Any]]) -> Document:
    """The native result as a Document, or the native error as a ParseError."""
    if err is not None:
        raise ParseError(
            err["message"],
            code=err["code"],
            line=err["line"],
            column=err["column"],
            diagnostics=[Diagnostic._from_dict(d) for d in err["diagnostics"]],
            document=None if doc is None else Document._from_dict(doc),
        )
    assert doc is not None
    return Document._from_dict(doc)


def parse(text: str, *, layout: str = "auto", strict: bool = False) -> Document:
    """Parse form text into a :class:`Document`.

    Lenient by default: returns every form that can be read, with
    :attr:`Document.diagnostics` for everything else. With ``strict=True``,
    raises :class:`ParseError` when any diagnostic is an error. ``layout`` is
    one of :data:`LAYOUTS`; anything else raises :class:`ValueError`. Line
    ends (LF, CRLF, CR), a BOM, full-width and no-break spaces are handled by
    the core. The GIL is released while the core parses.

    >>> jixiao.parse("财政项目支出绩效目标申报表\\n项目名称\\t示例").forms[0].project.name
    '示例'
    """
    _check_layout(layout)
    if not isinstance(text, str):
        raise TypeError(f"parse() takes str, not {type(text).__name__}; use parse_file() for files")
    return _finish(*_jixiao.parse(text, strict))


def parse_file(path: _Source, *, layout: str = "auto", strict: bool = False) -> Document:
    """Parse a form text file (``str`` or :class:`os.PathLike` path). The file
    must be UTF-8, with or without a BOM; other bytes raise
    :class:`ParseError` with code ``"invalid-utf8"`` and the line and column
    of the first bad byte, in lenient mode too. Otherwise like :func:`parse`.
    """
    _check_layout(layout)
    with open(os.fspath(path), "rb") as f:
        data = f.read()
    return _finish(*_jixiao.parse_bytes(data, strict))


def parse_rows(
    rows: Iterable[Iterable[Optional[object]]],
    *,
    layout: str = "auto",
    strict: bool = False,
) -> Document:
    """Parse a grid of cells: the entry point for forms that come as tables
    (a spreadsheet, ``pdfplumber``'s ``extract_table()``, a CSV reader,
    ``DataFrame.itertuples(index=False)``).

    Each row is an iterable of cells: the cells are joined with tabs and the
    rows with newlines, exactly the text layout :func:`parse` reads, and the
    core parses that text. ``None`` is an empty (or merged) cell, other
    non-``str`` cells go through ``str()``, and tabs or line breaks inside a
    cell become spaces so that a wrapped cell stays one cell. Lines in spans
    and diagnostics are 1-based row numbers. Otherwise like :func:`parse`.

    >>> jixiao.parse_rows([["财政项目支出绩效目标申报表"], ["项目名称", "示例", None]]).forms[0].project.name
    '示例'
    """
    _check_layout(layout)
    if isinstance(rows, (str, bytes)):
        raise TypeError("parse_rows() takes rows of cells, not a string; use parse() for text")
    # TODO(core): use the core's `rows_to_text` (joins wrapped CJK fragments
    # without a space) once `jixiao::parse_rows`/`rows_to_text` are exported.
    text = "\n".join("\t".join(_cell(c) for c in row) for row in rows)
    return _finish(*_jixiao.parse(text, strict))


_CELL_BREAKS = str.maketrans(dict.fromkeys("\t\n\r\v\f\x85\u2028\u2029", " "))


def _cell(value: Optional[object]) -> str:
    if value is None:
        return ""
    return (value if isinstance(value, str) else str(value)).translate(_CELL_BREAKS)


def check(doc: Document, profile: str = "SH-2025+", allow: Iterable[str] = ()) -> List[Diagnostic]:
    """Check a document against a profile's validation rules and return the
    findings in form order (each with its ``form`` index).

    ``profile`` is ``"SH-2025+"`` (Shanghai 2025 onwards, the default),
    ``"CN-101"`` (财预〔2021〕101号) or ``"LEGACY-2011"``; an unknown name
    raises :class:`ValueError`. ``allow`` switches rules off by id
    (``"PT-V04"``).
    """
    if isinstance(allow, str):
        allow = [allow]
    findings = _jixiao.check(doc.to_dict(), profile, list(allow))
    return [Diagnostic._from_dict(d) for d in findings]


def render(doc: Document) -> str:
    """Render a document back to form text in the tab-separated layout;
    ``parse(render(doc))`` reads back the same forms (spans aside)."""
    return _jixiao.render(doc.to_dict())


def diagnostic_codes() -> List[Tuple[str, str, str]]:
    """Every diagnostic code the parser can raise, as ``(code, default
    severity, description)`` tuples."""
    return _jixiao.diagnostic_codes()
