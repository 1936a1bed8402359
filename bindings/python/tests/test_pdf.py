"""jixiao.parse_pdf: PDF files read from the page geometry (jixiao-pdf)."""

from __future__ import annotations

import decimal
import pathlib
import threading
import time
from typing import List, Tuple

import pytest

import jixiao
from conftest import PDF_PATH
from jixiao import _jixiao


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return PDF_PATH.read_bytes()


@pytest.fixture(scope="module")
def from_pdf() -> jixiao.Document:
    return jixiao.parse_pdf(PDF_PATH)


def test_the_sample_pdf_reads_as_the_text_sample(from_pdf: jixiao.Document, sample: jixiao.Document) -> None:
    doc = from_pdf
    assert doc.layout == "grid"
    assert len(doc.forms) == 30
    assert doc.indicator_count == 177
    total = sum(f.funding.annual_total for f in doc.forms if f.funding.annual_total is not None)
    assert isinstance(total, decimal.Decimal)
    assert str(total) == "499010781.00"
    assert [f.project.name for f in doc.forms] == [f.project.name for f in sample.forms]
    assert [f.funding for f in doc.forms] == [f.funding for f in sample.forms]
    form = doc.forms[2]
    assert form.project.name == "党建经费"
    assert repr(form.funding.annual_total) == "Decimal('200000.00')"
    target = form.indicators[0].target
    assert (target.cmp, target.value, target.unit) == ("<=", decimal.Decimal("130.00"), "元/人/天")
    assert not doc.has_errors


def test_every_kind_of_source_gives_the_same_document(
    from_pdf: jixiao.Document, pdf_bytes: bytes, tmp_path: pathlib.Path
) -> None:
    assert jixiao.parse_pdf(str(PDF_PATH)) == from_pdf
    assert jixiao.parse_pdf(pdf_bytes) == from_pdf
    assert jixiao.parse_pdf(bytearray(pdf_bytes)) == from_pdf
    assert jixiao.parse_pdf(memoryview(pdf_bytes)) == from_pdf
    # A slice of a bigger buffer: only the viewed bytes are read.
    padded = b"xx" + pdf_bytes + b"yy"
    assert jixiao.parse_pdf(memoryview(padded)[2:-2]) == from_pdf
    copy = tmp_path / "forms.bin"
    copy.write_bytes(pdf_bytes)
    assert jixiao.parse_pdf(copy) == from_pdf
    assert jixiao.parse_pdf(PDF_PATH, strict=True) == from_pdf


def test_the_document_round_trips_like_any_other(from_pdf: jixiao.Document) -> None:
    assert jixiao.Document.from_json(from_pdf.to_json()) == from_pdf
    again = jixiao.parse(jixiao.render(from_pdf))
    assert [f.funding for f in again.forms] == [f.funding for f in from_pdf.forms]


def test_a_file_that_is_not_a_pdf_raises_pdf_error(tmp_path: pathlib.Path) -> None:
    fake = tmp_path / "forms.pdf"
    fake.write_text("项目名称\t党建经费\n", encoding="utf-8")
    with pytest.raises(jixiao.PdfError) as info:
        jixiao.parse_pdf(fake)
    err = info.value
    assert isinstance(err, jixiao.ParseError) and isinstance(err, ValueError)
    assert err.code == "pdf-not-pdf"
    assert (err.line, err.column, err.diagnostics, err.document) == (None, None, [], None)
    assert str(err)  # the engine's message, e.g. "not a PDF: …"
    assert repr(err) == "PdfError(code='pdf-not-pdf', line=None, column=None)"


def test_a_truncated_pdf_raises_pdf_damaged(pdf_bytes: bytes) -> None:
    # A download cut off after 10,000 bytes: no pages, no cross-references.
    with pytest.raises(jixiao.ParseError) as info:
        jixiao.parse_pdf(pdf_bytes[:10_000])
    assert type(info.value) is jixiao.PdfError
    assert info.value.code == "pdf-damaged"


def test_every_pdf_error_code_is_one_of_the_documented(pdf_bytes: bytes) -> None:
    codes = {"pdf-not-pdf", "pdf-damaged", "pdf-encrypted", "pdf-limit", "pdf-unsupported"}
    for data in (b"", b"%PDF-1.7\n", pdf_bytes[:100], b"\x00" * 64):
        with pytest.raises(jixiao.PdfError) as info:
            jixiao.parse_pdf(data)
        assert info.value.code in codes, (data[:16], info.value.code)


def test_bad_arguments() -> None:
    with pytest.raises(FileNotFoundError):
        jixiao.parse_pdf("no-such-file.pdf")
    with pytest.raises(TypeError, match="path or the PDF's bytes"):
        jixiao.parse_pdf(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        jixiao.parse_pdf(PDF_PATH, True)  # type: ignore[call-arg]


def test_native_parse_pdf_releases_the_gil(pdf_bytes: bytes) -> None:
    windows: List[Tuple[float, float]] = []

    def worker() -> None:
        for _ in range(20):
            start = time.perf_counter()
            _jixiao.parse_pdf(pdf_bytes)
            windows.append((start, time.perf_counter()))

    ticks: List[float] = []
    thread = threading.Thread(target=worker)
    thread.start()
    while thread.is_alive():
        ticks.append(time.perf_counter())  # pure-Python work: needs the GIL
    thread.join()
    # Had each call kept the GIL, this thread could not have run inside any
    # call. It ran inside most of them, many times.
    inside = [sum(1 for t in ticks if start < t < end) for start, end in windows]
    assert sum(inside) > 100 and sum(1 for n in inside if n > 0) >= 10, inside


def test_parallel_pdf_parses_agree(from_pdf: jixiao.Document) -> None:
    results: List[jixiao.Document] = []
    lock = threading.Lock()

    def worker() -> None:
        doc = jixiao.parse_pdf(PDF_PATH)
        with lock:
            results.append(doc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(doc == from_pdf for doc in results)


def test_parse_file_reads_a_pdf_by_its_header(from_pdf: jixiao.Document, pdf_bytes: bytes, tmp_path: pathlib.Path) -> None:
    assert jixiao.parse_file(PDF_PATH) == from_pdf
    renamed = tmp_path / "forms.txt"
    renamed.write_bytes(pdf_bytes)
    assert jixiao.parse_file(renamed, layout="grid") == from_pdf
    with pytest.raises(ValueError, match="is a PDF"):
        jixiao.parse_file(renamed, layout="tab")
    # The text of a form that merely mentions "%PDF-" later is still text.
    text = tmp_path / "form.txt"
    text.write_text("财政项目支出绩效目标申报表\n项目名称\t%PDF-1.7\n", encoding="utf-8")
    assert jixiao.parse_file(text).forms[0].project.name == "%PDF-1.7"
