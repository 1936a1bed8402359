# Stubs for the native module (bindings/python/src/lib.rs); checked against the
# compiled module by mypy.stubtest in scripts/suites/python.sh.
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

__all__ = [
    "__version__",
    "SAMPLE",
    "SCHEMA_JSON",
    "SCHEMA_VERSION",
    "LAYOUTS",
    "parse",
    "parse_bytes",
    "parse_rows",
    "parse_pdf",
    "render",
    "check",
    "to_json",
    "from_json",
    "normalise",
    "diagnostic_codes",
]

__version__: str
SAMPLE: str
SCHEMA_JSON: str
SCHEMA_VERSION: int
LAYOUTS: List[str]

_Outcome = Tuple[Optional[Dict[str, Any]], Optional[Dict[str, Any]]]

def parse(text: str, layout: str = "auto", strict: bool = False) -> _Outcome: ...
def parse_bytes(data: bytes, layout: str = "auto", strict: bool = False) -> _Outcome: ...
def parse_rows(rows: Sequence[Sequence[Optional[str]]], strict: bool = False) -> _Outcome: ...
def parse_pdf(data: Union[bytes, bytearray], strict: bool = False) -> _Outcome: ...
def render(doc: Dict[str, Any]) -> str: ...
def check(doc: Dict[str, Any], profile: str = "SH-2025+", allow: Sequence[str] = ...) -> List[Dict[str, Any]]: ...
def to_json(doc: Dict[str, Any]) -> str: ...
def from_json(json: str) -> Dict[str, Any]: ...
def normalise(doc: Dict[str, Any]) -> Dict[str, Any]: ...
def diagnostic_codes() -> List[Tuple[str, str, str]]: ...
