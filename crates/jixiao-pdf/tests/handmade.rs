//! Hand-written PDFs: one feature each, built byte by byte in the test.

mod common;

use std::fmt::Write as _;

use common::{filled, one_page, plain, stream, stroked, table, table_rows, text};
use jixiao_pdf::{extract, extract_rows, PdfOptions};

fn rows(pdf: &[u8]) -> Vec<Vec<String>> {
    extract_rows(pdf, &PdfOptions::default()).unwrap()
}

#[test]
fn stroked_table_with_a_merged_cell() {
    let pdf = one_page("", "", &table(stroked), vec![]);
    assert_eq!(rows(&pdf), table_rows());
}

#[test]
fn table_drawn_with_thin_filled_rectangles() {
    let pdf = one_page("", "", &table(filled), vec![]);
    assert_eq!(rows(&pdf), table_rows());
}

#[test]
fn table_drawn_with_stroked_rectangles() {
    // Every cell its own `re S`, as some producers do; shared edges overlap.
    let mut c = String::new();
    for (x0, x1) in [(10, 60), (60, 110), (110, 190)] {
        let _ = writeln!(c, "{x0} 160 {} 20 re S", x1 - x0);
    }
    c += "10 140 50 20 re S 60 140 130 20 re S\n";
    c += &String::from_utf8(table(|_, _, _, _| String::new())).unwrap();
    let pdf = one_page("", "", c.as_bytes(), vec![]);
    assert_eq!(rows(&pdf), table_rows());
}

#[test]
fn text_state_operators_place_glyphs() {
    // TD sets the leading, T* and ' move down by it, TJ adjusts, Tm places.
    let h = common::hex;
    let content = format!(
        "BT /F1 10 Tf 20 100 TD {} Tj T* {} Tj 0 -20 TD [{} -1000 {}] TJ {} ' 1 0 0 1 20 20 Tm {} Tj ET",
        h("项目"),
        h("名称"),
        h("党建"),
        h("经费"),
        h("合并"),
        h("标题"),
    );
    let pdf = one_page("", "", content.as_bytes(), vec![]);
    let got = rows(&pdf);
    // `20 100 TD` moves to y 100 (项目) and sets the leading to -100, so
    // `T*` moves *up* to y 200: 名称's centre (203.8) is off the 200 pt page
    // and clipped. `0 -20 TD` → y 180, leading 20: 党建, a 1000-unit (10 pt)
    // gap, 经费; `'` moves down one leading to y 160: 合并; `Tm` → y 20: 标题.
    // Rows are top to bottom as shown.
    assert_eq!(
        got,
        [vec!["党建 经费"], vec!["合并"], vec!["项目"], vec!["标题"]]
    );
}

#[test]
fn rotated_page() {
    // A portrait media box (200 × 300) shown rotated by 90°: a landscape
    // page (300 × 200). The producer draws the table in landscape
    // coordinates (u right, v up as shown) through a `cm` that turns them
    // into the media box's: for /Rotate 90, (u, v) → (200 - v, u).
    let mut content = b"q 0 1 -1 0 200 0 cm\n".to_vec();
    content.extend(table(stroked));
    content.extend(b"Q");
    let pdf = one_page("/MediaBox [0 0 200 300] /Rotate 90", "", &content, vec![]);
    let x = extract(&pdf, &PdfOptions::default()).unwrap();
    assert_eq!((x.pages[0].width, x.pages[0].height), (300.0, 200.0));
    assert_eq!(rows(&pdf), table_rows());
    // /Rotate 270 (and -90): (u, v) → (v, 300 - u).
    let mut content = b"q 0 -1 1 0 0 300 cm\n".to_vec();
    content.extend(table(filled));
    content.extend(b"Q");
    for rotate in ["270", "-90"] {
        let pdf = one_page(
            &format!("/MediaBox [0 0 200 300] /Rotate {rotate}"),
            "",
            &content,
            vec![],
        );
        assert_eq!(rows(&pdf), table_rows(), "/Rotate {rotate}");
    }
    // Without the rotation the same content reads sideways: one glyph a line.
    let pdf = one_page("/MediaBox [0 0 200 300]", "", &content, vec![]);
    assert_ne!(rows(&pdf), table_rows());
}

#[test]
fn form_xobject_with_its_matrix() {
    // The table drawn by a form XObject whose matrix shifts it right by 5
    // and down by 100, inside a page-level `cm` that shifts it up by 100.
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 300 300] /Matrix [1 0 0 1 5 -100] /Resources << /Font << /F1 5 0 R >> >>",
        &table(stroked),
    );
    let pdf = one_page(
        "",
        "/XObject << /Fm1 8 0 R >>",
        b"q 1 0 0 1 0 100 cm /Fm1 Do Q",
        vec![form],
    );
    assert_eq!(rows(&pdf), table_rows());
    let x = extract(&pdf, &PdfOptions::default()).unwrap();
    // The glyphs moved with the matrices: the title line's top is 200 - (188 + 8.8) = 3.2.
    let top = x.pages[0].rows[0].top;
    assert!((top - 3.2).abs() < 0.01, "{top}");
}

#[test]
fn text_outside_the_page_box_is_clipped() {
    let content = format!("{}{}", text(20.0, 50.0, "党建"), text(250.0, 50.0, "经费"));
    let pdf = one_page("", "", content.as_bytes(), vec![]);
    assert_eq!(rows(&pdf), [vec!["党建"]]);
}

#[test]
fn simple_font_with_win_ansi_and_differences() {
    // Helvetica with WinAnsiEncoding; code 0x80 is €, and Differences map
    // code 1 to `uni7EE9` (绩) and 2 to `zero`.
    let font = plain(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /Widths [278] /MissingWidth 556 \
         /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [1 /uni7EE9 /zero] >> >>",
    );
    let pdf = one_page(
        "",
        "/Font << /F1 5 0 R /F2 8 0 R >>",
        b"BT /F2 10 Tf 20 100 Td (API \\200 \\001\\002) Tj ET",
        vec![font],
    );
    assert_eq!(rows(&pdf), [vec!["API € 绩0"]]);
}

#[test]
fn fonts_without_unicode_are_reported_not_guessed() {
    // A composite font with the predefined GBK-EUC-H CMap and no ToUnicode,
    // and a Type3 font: their glyphs are left out and each is reported with
    // its page and name.
    let gbk = plain("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [7 0 R] >>");
    let t3 = plain(
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [0.001 0 0 0.001 0 0] \
         /CharProcs << >> /Encoding << /Differences [65 /g1] >> /FirstChar 65 /LastChar 65 /Widths [1000] /Resources << >> >>",
    );
    let content = format!(
        "{}BT /F2 10 Tf 20 100 Td <BCA8D0A7> Tj ET BT /F3 10 Tf 20 80 Td (AA) Tj ET",
        text(20.0, 150.0, "党建")
    );
    let pdf = one_page(
        "",
        "/Font << /F1 5 0 R /F2 8 0 R /F3 9 0 R >>",
        content.as_bytes(),
        vec![gbk, t3],
    );
    let x = extract(&pdf, &PdfOptions::default()).unwrap();
    let got: Vec<Vec<String>> = x.pages[0].rows.iter().map(|r| r.cells.clone()).collect();
    assert_eq!(got, [vec!["党建"]]);
    let messages: Vec<(&str, &str)> = x
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str()))
        .collect();
    // Sorted by font name: the Type3 font (no BaseFont: its resource name
    // F3), then SimSun, whose 4 GBK bytes are 2 glyphs.
    assert_eq!(
        messages,
        [
            (
                "pdf-unmapped-font",
                "page 1: font F3: Type3 font without a ToUnicode map; 2 glyphs left out"
            ),
            (
                "pdf-unmapped-font",
                "page 1: font SimSun: composite font with the predefined CMap GBK-EUC-H and no ToUnicode map; 2 glyphs left out"
            ),
        ]
    );
    assert!(x
        .diagnostics
        .iter()
        .all(|d| d.severity == jixiao::Severity::Warning));
    // parse_pdf hands them on in the document.
    let doc = jixiao_pdf::parse_pdf(&pdf).unwrap();
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == jixiao::Code::PdfUnmappedFont));
}

#[test]
fn compressed_content_and_several_content_streams() {
    use std::io::Write as _;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(text(20.0, 150.0, "党建").as_bytes()).unwrap();
    let compressed = z.finish().unwrap();
    let objects = vec![
        plain("<< /Type /Catalog /Pages 2 0 R >>"),
        plain("<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 200] /Resources << /Font << /F1 5 0 R >> >> >>"),
        // MediaBox and Resources inherited from the Pages node.
        plain("<< /Type /Page /Parent 2 0 R /Contents [4 0 R 8 0 R] >>"),
        stream("/Filter /FlateDecode", &compressed),
        plain("<< /Type /Font /Subtype /Type0 /BaseFont /TestSong /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>"),
        stream("", &common::to_unicode()),
        plain("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSong /DW 1000 >>"),
        stream("", text(20.0, 100.0, "经费").as_bytes()),
    ];
    let pdf = common::build(&objects);
    assert_eq!(rows(&pdf), [vec!["党建"], vec!["经费"]]);
}

#[test]
fn embedded_simple_font_without_encoding_is_not_read_as_ascii() {
    // A TrueType subset (codes renumbered by the producer) with neither
    // Encoding nor ToUnicode: code 0x41 is not "A". Reported, not guessed.
    let font = plain(
        "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+SimSun /FirstChar 65 /LastChar 66 /Widths [1000 1000] /FontDescriptor 9 0 R >>",
    );
    let descriptor =
        plain("<< /Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 32 /FontFile2 10 0 R >>");
    let program = stream("", b"not a real font program");
    let pdf = one_page(
        "",
        "/Font << /F1 5 0 R /F2 8 0 R >>",
        b"BT /F2 10 Tf 20 100 Td (AB) Tj ET",
        vec![font, descriptor, program],
    );
    let x = extract(&pdf, &PdfOptions::default()).unwrap();
    assert!(x.pages[0].rows.is_empty());
    assert_eq!(
        x.diagnostics[0].message,
        "page 1: font ABCDEF+SimSun: embedded font with its own encoding and no Encoding or ToUnicode map; 2 glyphs left out"
    );
}
