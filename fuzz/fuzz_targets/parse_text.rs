//! Text parsing: `parse` never panics, and what it returns can be rendered,
//! serialised to JSON and read back from JSON unchanged; the strict check
//! fails exactly when a diagnostic is an error. (`parse_strict` is `parse`
//! then that check: calling the check on the document read back saves a
//! second parse per execution.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = jixiao::parse(text);
    let json = doc.to_json();
    // The direct JSON writer writes what serde_json writes for the model.
    assert_eq!(
        json,
        serde_json::to_string_pretty(&doc).expect("serialises")
    );
    let back = jixiao::Document::from_json(&json).expect("our own JSON reads back");
    assert_eq!(back, doc, "JSON round trip");
    let _ = jixiao::render(&doc);
    for d in &doc.diagnostics {
        let _ = d.render(text);
    }
    let errors = doc
        .diagnostics
        .iter()
        .any(|d| d.severity == jixiao::Severity::Error);
    match back.into_strict(text) {
        Ok(strict) => assert!(!errors && strict == doc, "strict kept the document"),
        Err(e) => assert!(errors, "strict failed without an error: {e}"),
    }
});
