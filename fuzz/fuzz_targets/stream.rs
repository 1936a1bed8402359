//! Streaming and chunked parsing give exactly what the whole-text parser
//! gives in the tab layout (the layout they read), for any bytes and any
//! reader buffer size (the first byte picks it).
#![no_main]

use std::io::BufReader;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&cap, bytes)) = data.split_first() else {
        return;
    };
    let reader = BufReader::with_capacity(usize::from(cap % 16) + 1, bytes);
    let streamed: Result<Vec<_>, _> = jixiao::FormReader::new(reader).collect();
    let tab = jixiao::ParseOptions::with_layout(jixiao::Layout::Tab);
    match (streamed, jixiao::parse_bytes_with(bytes, &tab)) {
        (Ok(items), Ok(doc)) => {
            let text = std::str::from_utf8(bytes).expect("parse_bytes accepted it");
            let chunked = jixiao::assemble(
                jixiao::split_forms(text)
                    .iter()
                    .map(jixiao::FormChunk::parse),
            );
            assert_eq!(chunked, doc, "chunked");
            assert_eq!(jixiao::assemble(items), doc, "streamed");
        }
        (Err(jixiao::StreamError::Parse(got)), Err(want)) => {
            assert_eq!(got.to_string(), want.to_string());
        }
        (got, want) => panic!(
            "stream ok={} but parse_bytes ok={}",
            got.is_ok(),
            want.is_ok()
        ),
    }
});
