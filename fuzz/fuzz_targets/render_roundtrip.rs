//! The documented round trip: `parse(render(doc))` reads back the same forms
//! (spans aside) for every document the parser produces.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn unspanned(doc: &jixiao::Document) -> Vec<jixiao::Form> {
    let zero = jixiao::Span {
        start_line: 0,
        end_line: 0,
        start_byte: 0,
        end_byte: 0,
    };
    doc.forms
        .iter()
        .map(|f| {
            let mut f = f.clone();
            f.span = zero;
            for i in &mut f.indicators {
                i.span = zero;
            }
            f
        })
        .collect()
}

fuzz_target!(|text: &str| {
    let doc = jixiao::parse(text);
    // Known and reported: a year below 1000 (`(0506 年度)`) does not survive
    // render; skip it so the target can look for other breaks.
    if doc.forms.iter().any(|f| f.year.is_some_and(|y| y < 1000)) {
        return;
    }
    let again = jixiao::parse(&jixiao::render(&doc));
    assert_eq!(unspanned(&again), unspanned(&doc));
});
