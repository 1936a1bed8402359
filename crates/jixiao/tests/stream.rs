//! Streaming and chunked parsing: `FormReader` and `split_forms` + `assemble`
//! give exactly the document `parse` gives (forms, spans, diagnostics), on the
//! sample, on damaged inputs and on a generated corpus.

mod common;

use std::io::{BufReader, Read};

use jixiao::{
    assemble, parse, parse_bytes, split_forms, Document, Error, FormChunk, FormReader, StreamError,
    StreamItem,
};
use proptest::prelude::*;

/// Read `bytes` with a `FormReader` whose buffer holds `cap` bytes.
fn streamed(bytes: &[u8], cap: usize) -> Result<Vec<StreamItem>, StreamError> {
    FormReader::new(BufReader::with_capacity(cap, bytes)).collect()
}

/// The whole-text parse in the layout the piecewise routes read.
fn parse_tab(text: &str) -> Document {
    jixiao::parse_with(
        text,
        &jixiao::ParseOptions::with_layout(jixiao::Layout::Tab),
    )
}

/// Check every piecewise route against the whole-text parse on one text.
fn assert_same(text: &str) {
    let whole = parse_tab(text);
    for cap in [1, 7, 64, 8192] {
        let items = streamed(text.as_bytes(), cap).expect("valid UTF-8 streams");
        check_items(&items, &whole);
        assert_eq!(assemble(items), whole, "streamed (buffer {cap}) differs");
    }
    let chunked: Vec<StreamItem> = split_forms(text).iter().map(FormChunk::parse).collect();
    check_items(&chunked, &whole);
    assert_eq!(assemble(chunked), whole, "chunked differs");
}

/// The pieces themselves: one preamble, forms in order with their own
/// diagnostics.
fn check_items(items: &[StreamItem], whole: &Document) {
    let preambles = items
        .iter()
        .filter(|i| matches!(i, StreamItem::Preamble(_)))
        .count();
    assert_eq!(preambles, 1, "exactly one preamble");
    let forms: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            StreamItem::Form(f) => Some(f),
            StreamItem::Preamble(_) => None,
        })
        .collect();
    assert_eq!(forms.len(), whole.forms.len());
    for (i, f) in forms.iter().enumerate() {
        assert_eq!(f.index, i);
        assert_eq!(f.form, whole.forms[i]);
        let expected: Vec<_> = whole
            .diagnostics
            .iter()
            .filter(|d| d.form == Some(i))
            .cloned()
            .collect();
        assert_eq!(f.diagnostics, expected, "diagnostics of form {i}");
    }
}

#[test]
fn sample_streams_and_chunks_like_parse() {
    assert_same(jixiao::SAMPLE);
}

#[test]
fn preamble_comes_first_then_forms_one_by_one() {
    let mut reader = FormReader::new(jixiao::SAMPLE.as_bytes());
    let Some(Ok(StreamItem::Preamble(pre))) = reader.next() else {
        panic!("the preamble comes first");
    };
    assert_eq!(pre.title, parse(jixiao::SAMPLE).title);
    assert_eq!(reader.by_ref().count(), 30);
    assert!(reader.next().is_none(), "fused");
}

#[test]
fn fixtures_stream_like_parse() {
    fn text_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                text_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt" || e == "tsv") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    text_files(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")),
        &mut paths,
    );
    let mut n = 0;
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        match std::str::from_utf8(&bytes) {
            Ok(text) => assert_same(text),
            Err(_) => assert_utf8_error_matches(&bytes),
        }
        n += 1;
    }
    assert!(n >= 3);
}

#[test]
fn edge_inputs_stream_like_parse() {
    let s = jixiao::SAMPLE;
    let cases: Vec<String> = vec![
        String::new(),
        "\n\n  \t\n".into(),
        "\u{feff}".into(),
        "hello".into(),
        "标题\n\n第 1 页\n垃圾\n更多垃圾\n".into(),
        "财政项目支出绩效目标申报表".into(),
        "\u{feff}财政项目支出绩效目标申报表\n(2026 年度)\n".into(),
        format!("\u{feff}{s}"),
        s.replace('\n', "\r\n"),
        s.replace('\n', "\r"),
        s.trim_end().to_owned(),
        format!("前言\t第二格\n{s}"),
        format!("{s}\n\n项目名称\t尾巴\n"),
        s.replace("财政项目支出绩效目标申报表", ""),
        s.replace("项目名称", "项目 名称"),
        s.replace("(2026 年度)", ""),
        s.replace('\t', "\u{3000}"),
        format!("{s}{s}"),
        "\r\r\n\n\r财政项目支出绩效目标申报表\r(2026 年度)\r\n项目名称\t甲\r项目名称\t乙".into(),
        "x\u{feff}\n\u{feff}财政项目支出绩效目标申报表\n".into(),
    ];
    for text in &cases {
        assert_same(text);
    }
}

#[test]
fn every_prefix_of_a_form_streams_like_parse() {
    // Cut the sample's first three forms at every line and at odd places
    // inside lines.
    let end = split_forms(jixiao::SAMPLE)[4].offset();
    let head = &jixiao::SAMPLE[..end];
    let mut cut = 0;
    while cut < head.len() {
        if head.is_char_boundary(cut) {
            assert_same(&head[..cut]);
        }
        cut += 37;
    }
}

fn assert_utf8_error_matches(bytes: &[u8]) {
    let Err(Error::InvalidUtf8 {
        offset,
        line,
        column,
        ..
    }) = parse_bytes(bytes)
    else {
        panic!("parse_bytes accepts invalid UTF-8");
    };
    for cap in [1, 5, 8192] {
        let got = streamed(bytes, cap).unwrap_err();
        let StreamError::Parse(Error::InvalidUtf8 {
            offset: o,
            line: l,
            column: c,
            ..
        }) = got
        else {
            panic!("expected InvalidUtf8, got {got:?}");
        };
        assert_eq!((o, l, c), (offset, line, column), "buffer {cap}");
    }
}

#[test]
fn invalid_utf8_names_the_global_offset() {
    let s = jixiao::SAMPLE.as_bytes();
    for at in [0, 1, 2, 3, 100, s.len() / 2, s.len() - 1] {
        let mut bytes = s.to_vec();
        bytes.insert(at, 0xff);
        assert_utf8_error_matches(&bytes);
    }
    // A BOM then a bad byte; CR line ends; a truncated sequence at the end.
    assert_utf8_error_matches(b"\xef\xbb\xbfab\xc0");
    assert_utf8_error_matches(b"a\rb\r\nc\xe9\xa1");
    let mut crlf = jixiao::SAMPLE.replace('\n', "\r\n").into_bytes();
    let at = crlf.len() - 10;
    crlf[at] = 0x80;
    assert_utf8_error_matches(&crlf);
}

#[test]
fn forms_before_invalid_utf8_are_yielded() {
    let chunks = split_forms(jixiao::SAMPLE);
    let mut bytes = jixiao::SAMPLE.as_bytes().to_vec();
    bytes.insert(chunks[5].offset() + 1, 0xfe);
    let items: Vec<_> = FormReader::new(&bytes[..]).collect();
    // The bad byte is on form 4's first line: the preamble and forms 0–2 come
    // out; form 3 would end only once that line had been read.
    assert_eq!(items.len(), 5);
    assert!(items[..4].iter().all(Result::is_ok));
    assert!(items[4].is_err());
}

#[test]
fn io_errors_are_reported() {
    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    let mut reader = FormReader::new(BufReader::new(Failing));
    let err = reader.next().unwrap().unwrap_err();
    assert!(matches!(err, StreamError::Io(_)));
    assert!(err.to_string().contains("disk on fire"));
    assert!(reader.next().is_none());
}

#[test]
fn chunks_tile_the_text() {
    let text = format!("\u{feff}标题\r\n{}", jixiao::SAMPLE);
    let chunks = split_forms(&text);
    let mut at = 0;
    for c in &chunks {
        assert_eq!(c.offset(), at);
        at += c.text().len();
    }
    assert_eq!(at, text.len());
    assert_eq!(chunks.iter().map(FormChunk::text).collect::<String>(), text);
}

/// The sample's lines, for the generated corpus.
fn lines() -> Vec<String> {
    common::sample_lines()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A generated corpus: sample forms picked, repeated and damaged at random
    /// (lines deleted, duplicated, swapped, garbage inserted, line ends changed).
    #[test]
    fn generated_corpus_streams_like_parse(
        picks in prop::collection::vec(0usize..30, 1..6),
        edits in prop::collection::vec((0u8..5, any::<prop::sample::Index>(), "[\\PC\t]{0,12}"), 0..12),
        crlf in any::<bool>(),
    ) {
        let chunks = split_forms(jixiao::SAMPLE);
        let mut ls: Vec<String> = Vec::new();
        for p in picks {
            ls.extend(chunks[p + 1].text().lines().map(str::to_owned));
        }
        for (op, at, junk) in edits {
            if ls.is_empty() { break; }
            let i = at.index(ls.len());
            match op {
                0 => { ls.remove(i); }
                1 => { let l = ls[i].clone(); ls.insert(i, l); }
                2 => { let j = (i + 1) % ls.len(); ls.swap(i, j); }
                3 => ls.insert(i, junk),
                _ => ls[i].push_str(&junk),
            }
        }
        let text = ls.join(if crlf { "\r\n" } else { "\n" });
        assert_same(&text);
    }

    /// Arbitrary text, built from the sample's lines and fragments.
    #[test]
    fn arbitrary_line_mixes_stream_like_parse(
        picks in prop::collection::vec((any::<prop::sample::Index>(), "[\\PC\t\r\n]{0,8}"), 0..40),
    ) {
        let ls = lines();
        let mut text = String::new();
        for (i, junk) in picks {
            text.push_str(&ls[i.index(ls.len())]);
            text.push_str(&junk);
            text.push('\n');
        }
        assert_same(&text);
    }
}
