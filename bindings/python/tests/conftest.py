"""Shared fixtures: the same corpus the Rust tests read (crates/jixiao/fixtures)."""

from __future__ import annotations

import pathlib

import pytest

import jixiao

FIXTURES = pathlib.Path(__file__).resolve().parents[3] / "crates" / "jixiao" / "fixtures"
SAMPLE_PATH = FIXTURES / "jingan-hrss-2026.txt"
# The sample's first two forms (lines 1-39) with three errors put in by hand:
# line 9 计划开始日期 2026-02-30, line 28 年度资金申请总额 1,9x0.00, line 37 an
# indicator row whose target cell is empty.
BROKEN_PATH = FIXTURES / "broken-date-amount-indicator.txt"
# pdftotext -layout / pdfplumber renderings of the sample's 30 forms.
LAYOUTS_DIR = FIXTURES / "layouts"
SPACED_PATH = LAYOUTS_DIR / "sample-a" / "sample-a.layout.txt"
# LibreOffice print of the sample's 30 forms (read by jixiao.parse_pdf).
PDF_PATH = LAYOUTS_DIR / "sample-lo" / "sample-lo.pdf"
PLUMBER_TABLES_PATH = LAYOUTS_DIR / "sample-b" / "sample-b.plumber-tables.json"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample(sample_text: str) -> jixiao.Document:
    return jixiao.parse(sample_text)


@pytest.fixture(scope="session")
def broken() -> jixiao.Document:
    return jixiao.parse_file(BROKEN_PATH)


@pytest.fixture(scope="session")
def spaced() -> jixiao.Document:
    return jixiao.parse_file(SPACED_PATH)
