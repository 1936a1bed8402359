//! The whole sample's JSON against a reviewed snapshot.
//!
//! `tests/snapshots/jingan-hrss-2026.json` was generated once, then reviewed
//! form by form against the source text (the ten forms in `sample.rs` are
//! also asserted field by field). A change to the parser or the schema shows
//! up here as a diff to review. Regenerate with
//! `UPDATE_SNAPSHOTS=1 cargo test -p jixiao --test snapshot` and review the diff.

use std::path::Path;

#[test]
fn sample_json_matches_the_reviewed_snapshot() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/jingan-hrss-2026.json");
    let json = jixiao::parse(jixiao::SAMPLE).to_json() + "\n";
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    let want = std::fs::read_to_string(&path).expect("snapshot file");
    assert!(
        want == json,
        "the sample's JSON differs from {}; review the diff, then regenerate",
        path.display()
    );
}
