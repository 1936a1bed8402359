//! Generated documentation stays in step with the code.

use std::path::Path;

#[test]
fn diagnostics_table_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/diagnostics.md");
    let want = jixiao::diagnostics_table();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/diagnostics.md is stale: run `UPDATE_SNAPSHOTS=1 cargo test -p jixiao --test docs`"
    );
}

#[test]
fn every_code_has_a_distinct_string() {
    let mut seen = std::collections::HashSet::new();
    for (code, _, desc) in jixiao::Code::ALL {
        assert!(seen.insert(code.as_str()), "duplicate {code}");
        assert!(!desc.is_empty());
    }
}
