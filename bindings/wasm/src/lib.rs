//! # jixiao-wasm
//!
//! The WebAssembly face of [`jixiao`]: `parse`, `check`, `render`, `toCsv`
//! and `version`, exported to JavaScript with wasm-bindgen, and with the
//! `pdf` feature (on by default) `parsePdf` and `pdfText` over `jixiao-pdf`.
//! This crate only converts; the grammar and the rules live in the core
//! crate, the PDF reader in `jixiao-pdf`.
//!
//! ## How values cross the boundary
//!
//! Documents and diagnostics are serialised with `serde_json` — the same
//! serializer as `Document::to_json` and the CLI — and turned into plain
//! objects with the engine's `JSON.parse`. So the object JavaScript gets is by
//! construction the v1 contract (`docs/contract-v1.md`), `null`s and decimal
//! strings included; `serde_json` is linked by the core anyway, so this adds
//! no code, and one `JSON.parse` of a string is cheaper than building the
//! object field by field across the boundary (what `serde-wasm-bindgen` does).
//! Values coming in (`check(doc)`, `render(doc)`, options) go the other way
//! with `JSON.stringify`.
//!
//! ## Types
//!
//! The contract's TypeScript types (`Document`, `Form`, `Diagnostic` …) are
//! generated from the core's JSON Schema by `scripts/gen-contract-types.mjs`
//! into `src/contract.d.ts`, which is embedded below; a node test fails when
//! the file and the schema drift apart, and another validates the objects
//! `parse` returns against that schema. The binding's own types
//! ([`options::ParseOptions`], [`options::LayoutOption`], [`options::CheckOptions`],
//! [`options::ErrorFields`]) are derived from their Rust structs by `tsify`.

#![forbid(unsafe_code)]

#[cfg(feature = "pdf")]
use crate::options::{LayoutOption, PdfParseOptions};

pub mod csv;
pub mod options;

use js_sys::{Error as JsError, Object, Uint8Array, JSON};
use wasm_bindgen::prelude::*;

use crate::options::{
    CheckOptions, ErrorFields, ParseOptions, INVALID_DOCUMENT, INVALID_INPUT, INVALID_OPTIONS,
};

#[wasm_bindgen(typescript_custom_section)]
const CONTRACT_TYPES: &str = include_str!("contract.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const ERROR_TYPE: &str = r#"
/** What `parse`, `check`, `render` and `toCsv` throw: an `Error` whose `name` is `"JixiaoError"`. */
export type JixiaoError = Error & ErrorFields;
"#;

/// Parse form text into a v1 document.
///
/// `input` is a string, or a `Uint8Array` of UTF-8 bytes (a BOM is allowed;
/// bytes that are not UTF-8 throw `invalid-utf8`). Bytes that start with
/// `%PDF-` are read as `parsePdf` reads them (with the `pdf` feature).
/// `{ layout }` is `"auto"` (the default: the layout is detected), `"tab"`,
/// `"grid"`, `"spaced"`, `"plain"` or `"flow"`; the document's `layout` says
/// which was read. Lenient by default: every readable form plus diagnostics.
/// With `{ strict: true }` it throws a `JixiaoError` when any diagnostic is an
/// error.
#[wasm_bindgen(js_name = parse, unchecked_return_type = "Document")]
pub fn parse(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseOptions | null")] options: Option<Object>,
) -> Result<JsValue, JsValue> {
    let options: ParseOptions = read_options(options)?;
    let core = options.layout.to_core();
    let result = if let Some(text) = input.as_string() {
        match (options.strict, core.layout) {
            (false, _) => Ok(jixiao::parse_with(&text, &core)),
            (true, None) => jixiao::parse_strict(&text),
            (true, Some(_)) => jixiao::parse_with(&text, &core).into_strict(&text),
        }
    } else if input.is_instance_of::<Uint8Array>() {
        let bytes = Uint8Array::from(input).to_vec();
        #[cfg(feature = "pdf")]
        if bytes.starts_with(b"%PDF-") {
            if !matches!(options.layout, LayoutOption::Auto | LayoutOption::Grid) {
                return Err(throw(&ErrorFields::binding(
                    INVALID_OPTIONS,
                    "the bytes are a PDF: its tables are read as rows of cells, so only layout \"auto\" or \"grid\" applies",
                )));
            }
            return read_pdf(&bytes, options.strict);
        }
        match (options.strict, core.layout) {
            (false, _) => jixiao::parse_bytes_with(&bytes, &core),
            (true, None) => jixiao::parse_bytes_strict(&bytes),
            (true, Some(_)) => jixiao::parse_bytes_with(&bytes, &core)
                .and_then(|doc| doc.into_strict(&String::from_utf8_lossy(&bytes))),
        }
    } else {
        return Err(throw(&ErrorFields::binding(
            INVALID_INPUT,
            "parse() takes a string or a Uint8Array",
        )));
    };
    let doc = result.map_err(|e| throw(&ErrorFields::from_core(e)))?;
    to_js(&doc)
}

/// Parse the forms in a PDF file, read from the page geometry (`jixiao-pdf`).
///
/// `bytes` is the file's content, a `Uint8Array` or an `ArrayBuffer`. Returns
/// the same v1 document as `parse` (its `layout` is `"grid"`; lines in spans
/// are rows of the extracted table, the lines of `pdfText`). A file that is
/// not a readable PDF throws a `JixiaoError` whose `code` is `pdf-not-pdf`,
/// `pdf-damaged`, `pdf-encrypted`, `pdf-limit` or `pdf-unsupported`. With
/// `{ strict: true }` error-severity diagnostics throw as in `parse`.
#[cfg(feature = "pdf")]
#[wasm_bindgen(js_name = parsePdf, unchecked_return_type = "Document")]
pub fn parse_pdf(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PdfParseOptions | null")] options: Option<
        Object,
    >,
) -> Result<JsValue, JsValue> {
    let options: PdfParseOptions = read_options(options)?;
    read_pdf(&pdf_bytes(bytes, "parsePdf")?, options.strict)
}

/// `parsePdf` once the arguments are read.
#[cfg(feature = "pdf")]
fn read_pdf(bytes: &[u8], strict: bool) -> Result<JsValue, JsValue> {
    let pdf_options = jixiao_pdf::PdfOptions::default();
    let pdf_error = |e: jixiao_pdf::PdfError| throw(&ErrorFields::from_pdf(&e));
    let doc = jixiao_pdf::parse_pdf_with(bytes, &pdf_options).map_err(pdf_error)?;
    let doc = if strict && doc.has_errors() {
        // The rows the spans count, only when an error needs a code frame.
        let rows = jixiao_pdf::extract_rows(bytes, &pdf_options).map_err(pdf_error)?;
        doc.into_strict(&jixiao::rows_to_text(&rows))
            .map_err(|e| throw(&ErrorFields::from_core(e)))?
    } else {
        doc
    };
    to_js(&doc)
}

/// The table rows read from a PDF as text, one row per line and cells joined
/// by tabs: the lines that the spans of `parsePdf`'s document count (a
/// diagnostic on line 12 is about this text's line 12). Throws like
/// `parsePdf`.
#[cfg(feature = "pdf")]
#[wasm_bindgen(js_name = pdfText)]
pub fn pdf_text(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: &JsValue,
) -> Result<String, JsValue> {
    let bytes = pdf_bytes(bytes, "pdfText")?;
    let rows = jixiao_pdf::extract_rows(&bytes, &jixiao_pdf::PdfOptions::default())
        .map_err(|e| throw(&ErrorFields::from_pdf(&e)))?;
    Ok(jixiao::rows_to_text(&rows))
}

/// The bytes of a `Uint8Array` or an `ArrayBuffer`.
#[cfg(feature = "pdf")]
fn pdf_bytes(value: &JsValue, function: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        Ok(array.to_vec())
    } else if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        Ok(Uint8Array::new(buffer).to_vec())
    } else {
        Err(throw(&ErrorFields::binding(
            INVALID_INPUT,
            format!("{function}() takes the PDF's bytes as a Uint8Array or an ArrayBuffer"),
        )))
    }
}

/// Check a document against the validation rules; returns the findings.
///
/// `input` is a document from `parse` or a text (parsed leniently first).
/// The findings do not include the parse diagnostics, which are already in
/// the document's `diagnostics`.
#[wasm_bindgen(js_name = check, unchecked_return_type = "Diagnostic[]")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "Document | string")] input: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions | null")] options: Option<Object>,
) -> Result<JsValue, JsValue> {
    let options: CheckOptions = read_options(options)?;
    let core = options
        .to_core()
        .map_err(|msg| throw(&ErrorFields::binding(INVALID_OPTIONS, msg)))?;
    let doc = match input.as_string() {
        Some(text) => jixiao::parse(&text),
        None => from_js(input)?,
    };
    to_js(&jixiao::check(&doc, &core))
}

/// Render a document back to form text (the sample's tab-separated layout).
#[wasm_bindgen(js_name = render)]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "Document")] doc: &JsValue,
) -> Result<String, JsValue> {
    Ok(jixiao::render(&from_js(doc)?))
}

/// The document as a long CSV table: one row per indicator, each with its
/// form's project and funding columns; decimals exactly as in the document.
#[wasm_bindgen(js_name = toCsv)]
pub fn to_csv(
    #[wasm_bindgen(unchecked_param_type = "Document")] doc: &JsValue,
) -> Result<String, JsValue> {
    Ok(csv::to_csv(&from_js(doc)?))
}

/// The library version (`0.1.0`).
#[wasm_bindgen(js_name = version)]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Serialising the model cannot fail (every map key is a string).
    let json =
        serde_json::to_string(value).map_err(|e| JsValue::from(JsError::new(&e.to_string())))?;
    JSON::parse(&json)
}

fn from_js(value: &JsValue) -> Result<jixiao::Document, JsValue> {
    let json = stringify(value).map_err(|()| {
        throw(&ErrorFields::binding(
            INVALID_DOCUMENT,
            "expected a document object from parse()",
        ))
    })?;
    jixiao::Document::from_json(&json).map_err(|e| {
        throw(&ErrorFields::binding(
            INVALID_DOCUMENT,
            format!("not a v1 document: {e}"),
        ))
    })
}

fn read_options<T: serde::de::DeserializeOwned + Default>(
    options: Option<Object>,
) -> Result<T, JsValue> {
    let Some(options) = options else {
        return Ok(T::default());
    };
    let json = stringify(&options).map_err(|()| {
        throw(&ErrorFields::binding(
            INVALID_OPTIONS,
            "options must be an object",
        ))
    })?;
    serde_json::from_str(&json)
        .map_err(|e| throw(&ErrorFields::binding(INVALID_OPTIONS, e.to_string())))
}

fn stringify(value: &JsValue) -> Result<String, ()> {
    if !value.is_object() {
        return Err(());
    }
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or(())
}

/// A JavaScript `Error` named `JixiaoError` carrying the fields as properties.
fn throw(fields: &ErrorFields) -> JsValue {
    let err = JsError::new(&fields.message);
    err.set_name("JixiaoError");
    if let Ok(props) = to_js(fields).and_then(JsCast::dyn_into::<Object>) {
        Object::assign(&err, &props);
    }
    err.into()
}
