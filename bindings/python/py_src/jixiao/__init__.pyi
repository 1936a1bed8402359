# Public API of the `jixiao` package. Hand-written, and checked against the
# runtime module (pure-Python half and native half) by mypy.stubtest in
# scripts/suites/python.sh, so it cannot drift from what the package does.
import datetime
import decimal
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Literal, Optional, Tuple, Union

import pandas

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

__version__: str
SAMPLE: str
SCHEMA_JSON: str
SCHEMA_VERSION: int
LAYOUTS: Tuple[str, ...]

_Severity = Literal["error", "warning", "info"]
_Kind = Literal["quantitative", "qualitative"]
_Comparison = Literal["=", ">=", "<=", ">", "<"]

@dataclass(frozen=True)
class Span:
    start_line: int
    end_line: int
    start_byte: int
    end_byte: int
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class SourceSpan:
    start_line: int
    end_line: int
    start_col: int
    end_col: int
    start_col_utf16: int
    end_col_utf16: int
    start_byte: int
    end_byte: int
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: _Severity
    message: str
    span: Optional[SourceSpan]
    form: Optional[int]
    @property
    def line(self) -> Optional[int]: ...
    @property
    def column(self) -> Optional[int]: ...
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Project:
    name: Optional[str]
    nature: Optional[str]
    category: Optional[str]
    department: Optional[str]
    implementer: Optional[str]
    start_date: Optional[datetime.date]
    end_date: Optional[datetime.date]
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Funding:
    unit: Optional[str]
    project_total: Optional[decimal.Decimal]
    project_fiscal: Optional[decimal.Decimal]
    project_other: Optional[decimal.Decimal]
    annual_total: Optional[decimal.Decimal]
    annual_appropriation: Optional[decimal.Decimal]
    annual_carryover: Optional[decimal.Decimal]
    annual_other: Optional[decimal.Decimal]
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Goals:
    project: Optional[str]
    annual: Optional[str]
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Target:
    raw: str
    kind: _Kind
    cmp: Optional[_Comparison]
    value: Optional[decimal.Decimal]
    unit: Optional[str]
    text: Optional[str]
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Indicator:
    level1: Optional[str]
    level2: Optional[str]
    name: str
    target: Target
    span: Span
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Form:
    year: Optional[int]
    project: Project
    funding: Funding
    goals: Goals
    indicators: Tuple[Indicator, ...]
    span: Span
    def to_dict(self) -> Dict[str, Any]: ...

@dataclass(frozen=True)
class Document:
    schema_version: int
    title: Optional[str]
    forms: Tuple[Form, ...]
    diagnostics: Tuple[Diagnostic, ...]
    layout: str = "tab"
    @property
    def indicator_count(self) -> int: ...
    @property
    def has_errors(self) -> bool: ...
    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> Document: ...
    @classmethod
    def from_json(cls, text: str) -> Document: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...
    def forms_frame(self, *, exact: bool = False) -> pandas.DataFrame: ...
    def indicators_frame(self, *, exact: bool = False) -> pandas.DataFrame: ...

class ParseError(ValueError):
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
    ) -> None: ...

class PdfError(ParseError): ...

def parse(text: str, *, layout: str = "auto", strict: bool = False) -> Document: ...
def parse_file(
    path: Union[str, os.PathLike[str]], *, layout: str = "auto", strict: bool = False
) -> Document: ...
def parse_pdf(
    source: Union[str, os.PathLike[str], bytes, bytearray, memoryview], *, strict: bool = False
) -> Document: ...
def parse_rows(
    rows: Iterable[Iterable[Optional[object]]], *, layout: str = "auto", strict: bool = False
) -> Document: ...
def check(doc: Document, profile: str = "SH-2025+", allow: Iterable[str] = ()) -> List[Diagnostic]: ...
def render(doc: Document) -> str: ...
def diagnostic_codes() -> List[Tuple[str, str, str]]: ...
