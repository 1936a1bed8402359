//! PDF reading: `parse_pdf_with` never panics and never hangs on any bytes;
//! it returns a document or a `PdfError` with a stable code. The limits are
//! lowered so that each input stays cheap.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut options = jixiao_pdf::PdfOptions::default();
    options.max_stream_bytes = 1 << 20;
    options.max_operators_per_page = 100_000;
    options.max_pages = 64;
    match jixiao_pdf::parse_pdf_with(bytes, &options) {
        Ok(doc) => {
            let _ = doc.to_json();
        }
        Err(e) => assert!(e.code().starts_with("pdf-")),
    }
});
