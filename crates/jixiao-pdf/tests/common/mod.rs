//! Hand-written PDFs for the tests: objects are written as text, the
//! cross-reference table is computed.

#![allow(dead_code)]

use std::fmt::Write as _;

/// One indirect object: a plain body, or a stream (dictionary entries
/// without `Length`, and the raw bytes).
pub enum Obj {
    Plain(String),
    Stream(String, Vec<u8>),
}

pub fn plain(s: &str) -> Obj {
    Obj::Plain(s.to_owned())
}

pub fn stream(dict: &str, data: &[u8]) -> Obj {
    Obj::Stream(dict.to_owned(), data.to_vec())
}

/// A PDF of the given objects (numbered from 1); object 1 must be the catalog.
pub fn build(objects: &[Obj]) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        match o {
            Obj::Plain(s) => out.extend(s.bytes()),
            Obj::Stream(d, data) => {
                out.extend(format!("<< {d} /Length {} >>\nstream\n", data.len()).bytes());
                out.extend(data);
                out.extend(b"\nendstream");
            }
        }
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    let mut t = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        let _ = writeln!(t, "{off:010} 00000 n ");
    }
    let _ = write!(
        t,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend(t.bytes());
    out
}

/// The characters the test font maps, code 1 upwards (Identity-H, two bytes a code).
pub const CHARS: &str = "项目名称党建经费合并标题";

/// A `ToUnicode` `CMap` for [`CHARS`], with both `bfchar` and `bfrange` entries.
pub fn to_unicode() -> Vec<u8> {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    let chars: Vec<char> = CHARS.chars().collect();
    let _ = writeln!(s, "{} beginbfchar", chars.len() - 2);
    for (i, c) in chars.iter().enumerate().skip(2) {
        let _ = writeln!(s, "<{:04X}> <{:04X}>", i + 1, *c as u32);
    }
    s.push_str("endbfchar\n");
    // 项 and 目 through one-element ranges.
    for (i, c) in chars.iter().enumerate().take(2) {
        let _ = writeln!(
            s,
            "1 beginbfrange <{:04X}> <{:04X}> <{:04X}> endbfrange",
            i + 1,
            i + 1,
            *c as u32
        );
    }
    s.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    s.into_bytes()
}

/// `<hex>` of the codes of `text` in the test font.
pub fn hex(text: &str) -> String {
    let chars: Vec<char> = CHARS.chars().collect();
    let mut s = String::from("<");
    for c in text.chars() {
        let i = chars
            .iter()
            .position(|&x| x == c)
            .expect("a character of CHARS");
        let _ = write!(s, "{:04X}", i + 1);
    }
    s.push('>');
    s
}

/// Text drawn with the test font at (x, y), size 10.
pub fn text(x: f64, y: f64, s: &str) -> String {
    format!("BT /F1 10 Tf {x} {y} Td {} Tj ET\n", hex(s))
}

/// A one-page document: catalog, pages, page (with `page_extra` in its
/// dictionary), the content, the Type0 font and its `ToUnicode`, its
/// descendant; `more` objects follow as 8, 9, ….
pub fn one_page(
    page_extra: &str,
    resources_extra: &str,
    content: &[u8],
    more: Vec<Obj>,
) -> Vec<u8> {
    let mut objects = vec![
        plain("<< /Type /Catalog /Pages 2 0 R >>"),
        plain("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        plain(&format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] {page_extra} /Resources << /Font << /F1 5 0 R >> {resources_extra} >> /Contents 4 0 R >>"
        )),
        stream("", content),
        plain("<< /Type /Font /Subtype /Type0 /BaseFont /TestSong /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>"),
        stream("", &to_unicode()),
        plain("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"),
    ];
    objects.extend(more);
    build(&objects)
}

/// The 3 × 2 test table: x lines 10 / 60 / 110 / 190, y lines 180 / 160 / 140
/// (user space); the line at x 110 stops at y 160, so the second row's last
/// two cells are one merged cell. `border(x0, y0, x1, y1)` draws one line.
pub fn table(border: impl Fn(f64, f64, f64, f64) -> String) -> Vec<u8> {
    let mut c = String::new();
    for y in [180.0, 160.0, 140.0] {
        c += &border(10.0, y, 190.0, y);
    }
    for x in [10.0, 60.0, 190.0] {
        c += &border(x, 140.0, x, 180.0);
    }
    c += &border(110.0, 160.0, 110.0, 180.0);
    c += &text(60.0, 188.0, "标题");
    c += &text(12.0, 166.0, "项目名称");
    c += &text(62.0, 166.0, "党建");
    c += &text(112.0, 166.0, "经费");
    c += &text(12.0, 146.0, "名称");
    c += &text(62.0, 146.0, "合并");
    c.into_bytes()
}

/// The rows every rendering of [`table`] must give.
pub fn table_rows() -> Vec<Vec<String>> {
    let rows: [&[&str]; 3] = [
        &["标题"],
        &["项目名称", "党建", "经费"],
        &["名称", "合并", ""],
    ];
    rows.iter()
        .map(|r| r.iter().map(|s| (*s).to_owned()).collect())
        .collect()
}

pub fn stroked(x0: f64, y0: f64, x1: f64, y1: f64) -> String {
    format!("0.5 w {x0} {y0} m {x1} {y1} l S\n")
}

/// `Chromium`'s way: a 0.75 pt filled rectangle centred on the line.
pub fn filled(x0: f64, y0: f64, x1: f64, y1: f64) -> String {
    if (y0 - y1).abs() < f64::EPSILON {
        format!(
            "{} {} {} 0.75 re f\n",
            x0 - 0.375,
            y0 - 0.375,
            x1 - x0 + 0.75
        )
    } else {
        format!(
            "{} {} 0.75 {} re f\n",
            x0 - 0.375,
            y0 - 0.375,
            y1 - y0 + 0.75
        )
    }
}
