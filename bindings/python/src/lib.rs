//! `jixiao._jixiao`: the native half of the `jixiao` Python package.
//!
//! Deliberately small. Every function takes or returns the core's serde model
//! as plain Python data (dicts, lists, strs, ints, `None`) in the v1 contract's
//! shape, converted by `pythonize`; the pure-Python half (`py_src/jixiao`)
//! turns that into typed objects with `Decimal` and `date` values. Parsing,
//! validation and rendering all happen in the core, with the GIL released.

use jixiao::{CheckOptions, Document, Error, Layout, ParseOptions, Profile};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::PyDict;
use pythonize::{depythonize, pythonize};

/// A conversion failure between Python data and the core's model.
fn conversion_error(what: &str, err: &pythonize::PythonizeError) -> PyErr {
    PyValueError::new_err(format!("{what}: {err}"))
}

/// The core model as Python data.
fn to_py<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize(py, value).map_err(|e| conversion_error("cannot convert to Python", &e))
}

/// A document dict (as `Document.to_dict()` gives it) as the core's model.
fn document_from_py(doc: &Bound<'_, PyAny>) -> PyResult<Document> {
    depythonize(doc).map_err(|e| conversion_error("not a v1 document", &e))
}

/// `(document, error)`: the document dict (`None` when nothing could be read)
/// and, when parsing failed, a dict with the error's `code`, `line`,
/// `column`, `message` and error `diagnostics`.
type Outcome<'py> = (Option<Bound<'py, PyAny>>, Option<Bound<'py, PyDict>>);

fn outcome(py: Python<'_>, result: Result<Document, Error>) -> PyResult<Outcome<'_>> {
    let err = match result {
        Ok(doc) => return Ok((Some(to_py(py, &doc)?), None)),
        Err(err) => err,
    };
    let info = PyDict::new(py);
    info.set_item("code", err.code().as_str())?;
    info.set_item("line", err.line())?;
    info.set_item("column", err.column())?;
    info.set_item("message", err.to_string())?;
    info.set_item("diagnostics", to_py(py, &err.diagnostics())?)?;
    let doc = match &err {
        Error::Invalid { document, .. } => Some(to_py(py, document.as_ref())?),
        _ => None,
    };
    Ok((doc, Some(info)))
}

/// The layout option: `"auto"` (detect) or a layout name.
fn parse_options(layout: &str) -> PyResult<ParseOptions> {
    if layout == "auto" {
        return Ok(ParseOptions::default());
    }
    let layout: Layout = layout.parse().map_err(PyValueError::new_err)?;
    Ok(ParseOptions::with_layout(layout))
}

/// Parse form text with the GIL released.
///
/// `layout` is `"auto"` (detected), `"tab"`, `"grid"`, `"spaced"`, `"plain"` or `"flow"`; another
/// name raises `ValueError`. Returns `(document, error)`: `error` is `None`
/// unless `strict` is true and the text has error-severity diagnostics.
#[pyfunction]
#[pyo3(signature = (text, layout = "auto", strict = false))]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands over extracted arguments by value
fn parse<'py>(
    py: Python<'py>,
    text: PyBackedStr,
    layout: &str,
    strict: bool,
) -> PyResult<Outcome<'py>> {
    let options = parse_options(layout)?;
    let result = py.detach(|| match (strict, options.layout) {
        (false, _) => Ok(jixiao::parse_with(&text, &options)),
        (true, None) => jixiao::parse_strict(&text),
        (true, Some(_)) => jixiao::parse_with(&text, &options).into_strict(&text),
    });
    outcome(py, result)
}

/// Parse UTF-8 bytes (a leading BOM is allowed) with the GIL released.
///
/// Returns `(document, error)` like `parse`; invalid UTF-8 is an
/// `invalid-utf8` error whatever `strict` says, with no document.
#[pyfunction]
#[pyo3(signature = (data, layout = "auto", strict = false))]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands over extracted arguments by value
fn parse_bytes<'py>(
    py: Python<'py>,
    data: PyBackedBytes,
    layout: &str,
    strict: bool,
) -> PyResult<Outcome<'py>> {
    let options = parse_options(layout)?;
    let result = py.detach(|| match (strict, options.layout) {
        (false, _) => jixiao::parse_bytes_with(&data, &options),
        (true, None) => jixiao::parse_bytes_strict(&data),
        (true, Some(_)) => jixiao::parse_bytes_with(&data, &options)
            .and_then(|doc| doc.into_strict(&String::from_utf8_lossy(&data))),
    });
    outcome(py, result)
}

/// Parse rows of cells (the core's grid entry point) with the GIL released.
///
/// `None` cells are empty (merged) cells; the Python half turns other cells
/// into `str`. Returns `(document, error)` like `parse`; lines are rows.
#[pyfunction]
#[pyo3(signature = (rows, strict = false))]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands over extracted arguments by value
fn parse_rows(
    py: Python<'_>,
    rows: Vec<Vec<Option<String>>>,
    strict: bool,
) -> PyResult<Outcome<'_>> {
    let result = py.detach(|| {
        let rows = rows
            .iter()
            .map(|row| row.iter().map(|c| c.as_deref().unwrap_or("")));
        let doc = jixiao::parse_rows(rows.clone());
        if strict {
            doc.into_strict(&jixiao::rows_to_text(rows))
        } else {
            Ok(doc)
        }
    });
    outcome(py, result)
}

/// Parse a PDF file's bytes with the GIL released (jixiao-pdf: the tables
/// are rebuilt from the page geometry and read by the grid grammar).
///
/// Returns `(document, error)` like `parse`. A PDF that cannot be read at all
/// gives no document and an error whose `code` is the PDF error's
/// (`pdf-not-pdf`, `pdf-damaged`, `pdf-encrypted`, `pdf-limit`,
/// `pdf-unsupported`); with `strict`, error-severity diagnostics give an
/// error too, framed in the extracted rows as tab text.
#[cfg(feature = "pdf")]
#[pyfunction]
#[pyo3(signature = (data, strict = false))]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands over extracted arguments by value
fn parse_pdf(py: Python<'_>, data: PyBackedBytes, strict: bool) -> PyResult<Outcome<'_>> {
    let options = jixiao_pdf::PdfOptions::default();
    let result = py.detach(|| {
        let doc = jixiao_pdf::parse_pdf_with(&data, &options)?;
        if !strict || !doc.has_errors() {
            return Ok(Ok(doc));
        }
        // The rows the spans count, only when an error needs a code frame.
        let rows = jixiao_pdf::extract_rows(&data, &options)?;
        Ok(doc.into_strict(&jixiao::rows_to_text(&rows)))
    });
    match result {
        Ok(result) => outcome(py, result),
        Err(err) => pdf_failure(py, &err),
    }
}

/// The `(None, error)` outcome of a PDF that could not be read.
#[cfg(feature = "pdf")]
fn pdf_failure<'py>(py: Python<'py>, err: &jixiao_pdf::PdfError) -> PyResult<Outcome<'py>> {
    let info = PyDict::new(py);
    info.set_item("code", err.code())?;
    info.set_item("line", py.None())?;
    info.set_item("column", py.None())?;
    info.set_item("message", err.to_string())?;
    info.set_item("diagnostics", pyo3::types::PyList::empty(py))?;
    Ok((None, Some(info)))
}

/// Render a document dict back to form text (the sample's tab layout).
#[pyfunction]
fn render(py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<String> {
    let doc = document_from_py(doc)?;
    Ok(py.detach(|| jixiao::render(&doc)))
}

/// Check a document dict against a profile's rules; returns finding dicts.
///
/// Raises `ValueError` for an unknown profile name.
#[pyfunction]
#[pyo3(signature = (doc, profile = "SH-2025+", allow = Vec::new()))]
fn check<'py>(
    py: Python<'py>,
    doc: &Bound<'py, PyAny>,
    profile: &str,
    allow: Vec<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let profile: Profile = profile.parse().map_err(PyValueError::new_err)?;
    let doc = document_from_py(doc)?;
    let options = CheckOptions { profile, allow };
    let findings = py.detach(|| jixiao::check(&doc, &options));
    to_py(py, &findings)
}

/// The v1 JSON text of a document dict (the core's pretty-printed output).
#[pyfunction]
fn to_json(doc: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(document_from_py(doc)?.to_json())
}

/// Read v1 JSON text into a document dict; raises `ValueError` when the text
/// is not a v1 document.
#[pyfunction]
fn from_json<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    let doc = Document::from_json(json)
        .map_err(|e| PyValueError::new_err(format!("not a v1 document: {e}")))?;
    to_py(py, &doc)
}

/// A document dict checked by the core's model and given back in its
/// canonical shape; raises `ValueError` when it is not a v1 document.
#[pyfunction]
fn normalise<'py>(py: Python<'py>, doc: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &document_from_py(doc)?)
}

/// Every diagnostic code the core knows: `(code, severity, description)`.
#[pyfunction]
fn diagnostic_codes() -> Vec<(String, String, &'static str)> {
    jixiao::Code::ALL
        .iter()
        .map(|(code, severity, description)| {
            (code.as_str().to_owned(), severity.to_string(), *description)
        })
        .collect()
}

/// The native half of the `jixiao` package; use `jixiao` instead.
#[pymodule]
fn _jixiao(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SAMPLE", jixiao::SAMPLE)?;
    m.add("SCHEMA_JSON", jixiao::SCHEMA_JSON)?;
    m.add("SCHEMA_VERSION", jixiao::SCHEMA_VERSION)?;
    let layouts: Vec<&str> = Layout::ALL.iter().map(|l| l.name()).collect();
    m.add("LAYOUTS", layouts)?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(parse_rows, m)?)?;
    #[cfg(feature = "pdf")]
    m.add_function(wrap_pyfunction!(parse_pdf, m)?)?;
    m.add_function(wrap_pyfunction!(render, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(to_json, m)?)?;
    m.add_function(wrap_pyfunction!(from_json, m)?)?;
    m.add_function(wrap_pyfunction!(normalise, m)?)?;
    m.add_function(wrap_pyfunction!(diagnostic_codes, m)?)?;
    Ok(())
}
