//! Bytes parsing: `parse_bytes` never panics; it fails exactly on invalid
//! UTF-8, naming the first invalid byte.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match (jixiao::parse_bytes(bytes), std::str::from_utf8(bytes)) {
        (Ok(doc), Ok(text)) => assert_eq!(doc, jixiao::parse(text)),
        (
            Err(jixiao::Error::InvalidUtf8 {
                offset,
                line,
                column,
                ..
            }),
            Err(e),
        ) => {
            assert_eq!(offset, e.valid_up_to());
            assert!(line >= 1 && column >= 1);
        }
        (got, want) => panic!(
            "parse_bytes {:?} but from_utf8 {:?}",
            got.is_ok(),
            want.is_ok()
        ),
    }
});
