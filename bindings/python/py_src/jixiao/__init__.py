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
    PdfError,
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
    "PdfError",
    "Project",
    "SourceSpan",
    "Span",
    "Target",
    "check",
    "diagnostic_codes",
    "parse",
    "parse_file",
    "parse_pdf",
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

LAYOUTS: Tuple[str, ...] = ("auto", *_jixiao.LAYOUTS)
"""The values ``parse(layout=…)`` accepts: ``"auto"`` (the default) detects the
layout from the text; ``"tab"`` is tab-separated cells (the bundled sample,
copy-paste from a browser, Word or Excel); ``"spaced"`` is columns aligned with
spaces, as ``pdftotext -layout`` writes them; ``"plain"`` is text without
columns (``pdftotext`` without ``-layout``: goal texts are left empty and
reported); ``"flow"`` is lines that follow the table's rows with cells one
space apart (pdfplumber ``extract_text()``); ``"grid"`` is rows of cells
(what :func:`parse_rows` reads; text given as ``"grid"`` is read like
``"tab"``). :attr:`Document.layout` says which layout was read."""

_Source = Union[str, "os.PathLike[str]"]


def _check_layout(layout: str, allowed: Tuple[str, ...] = LAYOUTS) -> None:
    if not isinstance(layout, str) or layout not in allowed:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(map(repr, allowed))}")


def _finish(doc: Optional[Dict[str, Any]], err: Optional[Dict[str, Any]]) -> Document:
    """The native result as a Document, or the native error as a ParseError."""
    if err is not None:
        if err["code"].startswith("pdf-"):
            raise PdfError(err["message"], code=err["code"])
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
    one of :data:`LAYOUTS` (``"auto"`` detects it: tab-separated cells or
    ``pdftotext -layout`` columns); anything else raises :class:`ValueError`.
    :attr:`Document.layout` is the layout read. Line ends (LF, CRLF, CR), a
    BOM, full-width and no-break spaces are handled by the core. The GIL is
    released while the core parses.

    >>> doc = jixiao.parse("财政项目支出绩效目标申报表\\n项目名称\\t示例")
    >>> doc.forms[0].project.name, doc.layout
    ('示例', 'tab')
    """
    _check_layout(layout)
    if not isinstance(text, str):
        raise TypeError(f"parse() takes str, not {type(text).__name__}; use parse_file() for files")
    return _finish(*_jixiao.parse(text, layout, strict))


def parse_file(path: _Source, *, layout: str = "auto", strict: bool = False) -> Document:
    """Parse a form text file (``str`` or :class:`os.PathLike` path). The file
    must be UTF-8, with or without a BOM; other bytes raise
    :class:`ParseError` with code ``"invalid-utf8"`` and the line and column
    of the first bad byte, in lenient mode too. Otherwise like :func:`parse`.

    A PDF file (recognised by its ``%PDF-`` header, whatever its name) is read
    by :func:`parse_pdf`; ``layout`` must then be ``"auto"`` or ``"grid"``.
    """
    _check_layout(layout)
    with open(os.fspath(path), "rb") as f:
        data = f.read()
    if data.startswith(b"%PDF-"):
        if layout not in ("auto", "grid"):
            raise ValueError(
                f"{os.fspath(path)!s} is a PDF: its tables are read as rows of cells; layout {layout!r} does not apply"
            )
        return parse_pdf(data, strict=strict)
    return _finish(*_jixiao.parse_bytes(data, layout, strict))


def parse_rows(
    rows: Iterable[Iterable[Optional[object]]],
    *,
    layout: str = "auto",
    strict: bool = False,
) -> Document:
    """Parse a grid of cells: the entry point for forms that come as tables
    (a spreadsheet, ``pdfplumber``'s ``extract_table()``, a CSV reader,
    ``DataFrame.itertuples(index=False)``).

    Each row is an iterable of cells, read by the core's grid reader
    (:attr:`Document.layout` is ``"grid"``). ``None`` is an empty (or merged)
    cell and other non-``str`` cells go through ``str()``. Text wrapped inside
    a cell (``"项目\\n名称"``, as pdfplumber keeps it) is joined: with no
    space between Chinese fragments, with one between Latin words. Lines in
    spans and diagnostics are 1-based row numbers. ``layout`` may only be
    ``"auto"`` or ``"grid"``. Otherwise like :func:`parse`.

    >>> jixiao.parse_rows([["财政项目支出绩效目标申报表"], ["项目名称", "示例\\n项目", None]]).forms[0].project.name
    '示例项目'
    """
    _check_layout(layout, ("auto", "grid"))
    if isinstance(rows, (str, bytes)):
        raise TypeError("parse_rows() takes rows of cells, not a string; use parse() for text")
    grid = [[_cell(c) for c in row] for row in rows]
    return _finish(*_jixiao.parse_rows(grid, strict))


_PdfSource = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


def parse_pdf(source: _PdfSource, *, strict: bool = False) -> Document:
    """Parse the forms in a PDF file, read straight from the page geometry:
    the table cells are rebuilt from the PDF's ruling lines and glyph boxes
    and read by the grid grammar, so there is no text extractor in between.

    ``source`` is a path (``str`` or :class:`os.PathLike`) or the file's
    content (``bytes``, ``bytearray``, ``memoryview``). Returns the same
    :class:`Document` as :func:`parse` (:attr:`Document.layout` is
    ``"grid"``; lines in spans are rows of the extracted table). A file that
    is not a readable PDF raises :class:`PdfError` (a :class:`ParseError`)
    with ``code`` ``"pdf-not-pdf"``, ``"pdf-damaged"``, ``"pdf-encrypted"``,
    ``"pdf-limit"`` or ``"pdf-unsupported"``; a missing file raises
    :class:`FileNotFoundError`. ``strict=True`` raises :class:`ParseError`
    for error-severity diagnostics as in :func:`parse`. The GIL is released
    while the core reads the PDF.

    >>> jixiao.parse_pdf(b"not a PDF")
    Traceback (most recent call last):
    ...
    jixiao.PdfError: ...
    """
    if isinstance(source, (bytes, bytearray)):
        data: Union[bytes, bytearray] = source
    elif isinstance(source, memoryview):
        data = source.tobytes()
    elif isinstance(source, (str, os.PathLike)):
        with open(os.fspath(source), "rb") as f:
            data = f.read()
    else:
        raise TypeError(
            f"parse_pdf() takes a path or the PDF's bytes, not {type(source).__name__}"
        )
    native = getattr(_jixiao, "parse_pdf", None)
    if native is None:
        raise PdfError(
            "this jixiao package was built without PDF support (cargo feature `pdf`)",
            code="pdf-unsupported",
        )
    return _finish(*native(data, strict))


def _cell(value: Optional[object]) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    return str(value)


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
