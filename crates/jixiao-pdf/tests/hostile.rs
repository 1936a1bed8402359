//! Hostile PDFs finish in bounded time and memory with a clear error or a
//! diagnostic, and never panic.

mod common;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use common::{build, one_page, plain, stream, text};
use jixiao_pdf::{extract, parse_pdf, parse_pdf_with, PdfError, PdfOptions};

fn sample_lo() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../jixiao/fixtures/layouts/sample-lo/sample-lo.pdf"
    ))
    .unwrap()
}

/// Run `f` and check it took less than `limit` (debug build, shared machine).
fn timed<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}");
    out
}

#[test]
fn not_a_pdf() {
    for bytes in [&b""[..], b"hello", b"%PD", &[0xff; 2000]] {
        assert_eq!(parse_pdf(bytes).unwrap_err().code(), "pdf-not-pdf");
    }
}

#[test]
fn truncated_files() {
    let pdf = sample_lo();
    for cut in [
        20,
        100,
        1_000,
        pdf.len() / 10,
        pdf.len() / 2,
        pdf.len() * 9 / 10,
        pdf.len() - 200,
        pdf.len() - 10,
    ] {
        let r = timed(Duration::from_secs(10), || parse_pdf(&pdf[..cut]));
        match r {
            // The cross-reference table is at the end: a cut file is rebuilt
            // from its objects, and the pages that survive are read.
            Ok(doc) => assert!(doc.forms.len() <= 30, "cut at {cut}"),
            Err(e) => assert!(matches!(e, PdfError::Damaged(_)), "cut at {cut}: {e:?}"),
        }
    }
    // Cutting the last 10 bytes loses only the `%%EOF` line: all 30 forms.
    assert_eq!(parse_pdf(&pdf[..pdf.len() - 6]).unwrap().forms.len(), 30);
}

#[test]
fn cyclic_page_tree() {
    let pdf = build(&[
        plain("<< /Type /Catalog /Pages 2 0 R >>"),
        plain("<< /Type /Pages /Kids [2 0 R] /Count 1 >>"),
    ]);
    let err = timed(Duration::from_secs(5), || parse_pdf(&pdf)).unwrap_err();
    assert_eq!(err.code(), "pdf-damaged");
    assert!(err.to_string().contains("cyclic"), "{err}");
    // A loop through two nodes, with no page.
    let pdf = build(&[
        plain("<< /Type /Catalog /Pages 2 0 R >>"),
        plain("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        plain("<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R >>"),
    ]);
    assert_eq!(parse_pdf(&pdf).unwrap_err().code(), "pdf-damaged");
    // A real page beside a loop back to the root and the page listed twice:
    // the page is read once, and the loop is reported.
    let pdf = build(&[
        plain("<< /Type /Catalog /Pages 2 0 R >>"),
        plain("<< /Type /Pages /Kids [3 0 R 2 0 R 3 0 R] /Count 3 >>"),
        plain("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"),
    ]);
    let x = timed(Duration::from_secs(5), || {
        extract(&pdf, &PdfOptions::default())
    })
    .unwrap();
    assert_eq!(x.pages.len(), 1);
    assert_eq!(x.diagnostics.len(), 1);
    assert_eq!(
        x.diagnostics[0].message,
        "the page tree reaches object 2 0 twice (a cycle or a repeated kid); it was read once"
    );
    // A reference cycle in place of a dictionary (4 → 5 → 4).
    let pdf = build(&[
        plain("<< /Type /Catalog /Pages 2 0 R >>"),
        plain("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        plain("<< /Type /Page /Parent 2 0 R /Resources 4 0 R /MediaBox 5 0 R >>"),
        plain("5 0 R"),
        plain("4 0 R"),
    ]);
    let x = timed(Duration::from_secs(5), || {
        extract(&pdf, &PdfOptions::default())
    })
    .unwrap();
    assert_eq!(x.pages.len(), 1);
}

#[test]
fn form_xobject_that_draws_itself() {
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources << /Font << /F1 5 0 R >> /XObject << /Me 8 0 R >> >>",
        format!("{}/Me Do", text(20.0, 100.0, "党建")).as_bytes(),
    );
    let pdf = one_page("", "/XObject << /Fm 8 0 R >>", b"/Fm Do", vec![form]);
    let x = timed(Duration::from_secs(5), || {
        extract(&pdf, &PdfOptions::default())
    })
    .unwrap();
    let rows: Vec<&Vec<String>> = x.pages[0].rows.iter().map(|r| &r.cells).collect();
    assert_eq!(rows, [&vec!["党建".to_owned()]]);
    assert_eq!(x.diagnostics.len(), 1);
    assert_eq!(x.diagnostics[0].code.as_str(), "pdf-page-skipped");
    assert!(x.diagnostics[0].message.contains("draws itself"));
}

#[test]
fn decompression_bomb() {
    use std::io::Write as _;
    // 32 MiB of zeros compress to about 32 KiB; the limit is 1 MiB.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..32 {
        z.write_all(&zeros).unwrap();
    }
    let bomb = z.finish().unwrap();
    assert!(bomb.len() < 200_000);
    let objects = vec![
        plain("<< /Type /Catalog /Pages 2 0 R >>"),
        plain("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        plain("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"),
        stream("/Filter /FlateDecode", &bomb),
    ];
    let pdf = build(&objects);
    let mut options = PdfOptions::default();
    options.max_stream_bytes = 1 << 20;
    let err = timed(Duration::from_secs(10), || parse_pdf_with(&pdf, &options)).unwrap_err();
    assert_eq!(err.code(), "pdf-limit", "{err}");
    // Under the default 64 MiB limit the same page is read (it is blank).
    assert!(parse_pdf(&pdf).is_ok());
}

#[test]
fn a_hundred_thousand_tiny_rectangles() {
    // 50,000 thin horizontal and 50,000 thin vertical filled rectangles on
    // a 6 pt lattice, each too far from the next to join: far more rulings
    // than any table has. The page is read line by line and says so.
    let mut c = String::with_capacity(3_000_000);
    for i in 0..50_000u32 {
        let (x, y) = (f64::from(i % 300) * 6.0, f64::from(i / 300) * 6.0);
        let _ = writeln!(c, "{x} {y} 2.5 0.5 re {} {} 0.5 2.5 re f", x + 3.0, y + 3.0);
    }
    c += &text(20.0, 1500.0, "党建");
    let objects_pdf = one_page("/MediaBox [0 0 2000 2000]", "", c.as_bytes(), vec![]);
    let pdf = objects_pdf.clone();
    let x = timed(Duration::from_secs(30), || {
        extract(&pdf, &PdfOptions::default())
    })
    .unwrap();
    let rows: Vec<&Vec<String>> = x.pages[0].rows.iter().map(|r| &r.cells).collect();
    assert_eq!(rows, [&vec!["党建".to_owned()]]);
    assert_eq!(x.diagnostics.len(), 1, "{:?}", x.diagnostics);
    assert_eq!(x.diagnostics[0].code.as_str(), "pdf-too-many-rulings");
}

#[test]
fn too_many_operators() {
    let content = "0 0 m\n".repeat(5_000);
    let pdf = one_page("", "", content.as_bytes(), vec![]);
    let mut options = PdfOptions::default();
    options.max_operators_per_page = 1_000;
    let err = parse_pdf_with(&pdf, &options).unwrap_err();
    assert_eq!(err.code(), "pdf-limit");
    assert!(parse_pdf(&pdf).is_ok());
}

#[test]
fn too_many_pages() {
    let mut options = PdfOptions::default();
    options.max_pages = 29;
    let err = parse_pdf_with(&sample_lo(), &options).unwrap_err();
    assert_eq!(
        err,
        PdfError::Limit("the file has more than 29 pages".into())
    );
}

#[test]
fn deep_nesting_and_garbage_operands() {
    let mut c = "[".repeat(100_000);
    c += "] TJ (unclosed ( string";
    c += &"<<".repeat(10_000);
    let pdf = one_page("", "", c.as_bytes(), vec![]);
    assert!(timed(Duration::from_secs(5), || extract(
        &pdf,
        &PdfOptions::default()
    ))
    .is_ok());
    // Nonsense operands for every operator the interpreter reads.
    let junk = "/F1 Tf (x) cm [1e308 1e308 1e308 1e308 1e308 1e308] Tm 1e308 0 0 1e308 0 0 cm \
                /F1 1e308 Tf 1e308 Tz 0 Tz (a) Tj 1 2 3 re S /Nope Do /Nope Tf (b) ' 1 2 (c) \" BI ID x";
    let pdf = one_page("", "", junk.as_bytes(), vec![]);
    assert!(extract(&pdf, &PdfOptions::default()).is_ok());
}

#[test]
fn encrypted_with_an_empty_user_password_is_read() {
    use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
    let mut doc = lopdf::Document::load_mem(&sample_lo()).unwrap();
    let encrypt = |doc: &mut lopdf::Document, user: &str| {
        let version = EncryptionVersion::V2 {
            document: doc,
            owner_password: "owner",
            user_password: user,
            key_length: 128,
            permissions: Permissions::default(),
        };
        let state = EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    };
    let mut locked = doc.clone();
    let open = encrypt(&mut doc, "");
    assert!(open.windows(8).any(|w| w == b"/Encrypt"));
    let parsed = parse_pdf(&open).unwrap();
    assert_eq!(parsed.forms.len(), 30);
    assert_eq!(parsed.forms[2].project.name.as_deref(), Some("党建经费"));
    let closed = encrypt(&mut locked, "secret");
    assert_eq!(parse_pdf(&closed).unwrap_err(), PdfError::Encrypted);
}

#[test]
fn deeply_nested_objects() {
    // Arrays and dictionaries nested 100,000 deep in an object (not in a
    // content stream): the object parser must not overflow the stack.
    for nest in ["[", "<< /A "] {
        let pdf = build(&[
            plain("<< /Type /Catalog /Pages 2 0 R >>"),
            plain("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            plain("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources 4 0 R >>"),
            plain(&nest.repeat(100_000)),
        ]);
        let r = timed(Duration::from_secs(10), || {
            extract(&pdf, &PdfOptions::default())
        });
        // The unreadable object is skipped; the page reads, empty.
        let x = r.unwrap();
        assert_eq!(x.pages.len(), 1);
        assert!(x.pages[0].rows.is_empty());
    }
}

#[test]
fn huge_counts_in_the_cross_reference_table_and_page_tree() {
    // Counts that claim two billion entries must not be trusted for
    // allocation: the file still reads, in a few milliseconds.
    let pdf = one_page("", "", &common::table(common::stroked), vec![]);
    for (from, to) in [
        ("xref\n0 8\n", "xref\n0 2000000000\n"),
        ("/Size 8 ", "/Size 2000000000 "),
        ("/Count 1 ", "/Count 2000000000 "),
    ] {
        // Replace at the byte level (the header comment is not UTF-8).
        let at = pdf
            .windows(from.len())
            .position(|w| w == from.as_bytes())
            .unwrap_or_else(|| panic!("{from:?} not in the file"));
        let mut bad = pdf[..at].to_vec();
        bad.extend(to.as_bytes());
        bad.extend(&pdf[at + from.len()..]);
        let rows = timed(Duration::from_secs(5), || {
            jixiao_pdf::extract_rows(&bad, &PdfOptions::default())
        });
        assert_eq!(rows.unwrap(), common::table_rows(), "{to}");
    }
}

#[test]
fn a_large_form_xobject_drawn_again_and_again() {
    use std::io::Write as _;
    // A form of 1 MiB of spaces (about 1 KB deflated) drawn 100 times: each
    // draw decodes it again, so the page's budget (here 8 MiB) runs out
    // at the 8th draw instead of decoding 100 MiB.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&vec![b' '; 1 << 20]).unwrap();
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Filter /FlateDecode",
        &z.finish().unwrap(),
    );
    let content = "/Fm Do\n".repeat(100);
    let pdf = one_page(
        "",
        "/XObject << /Fm 8 0 R >>",
        content.as_bytes(),
        vec![form],
    );
    let mut options = PdfOptions::default();
    options.max_stream_bytes = 8 << 20;
    let err = timed(Duration::from_secs(10), || parse_pdf_with(&pdf, &options)).unwrap_err();
    assert_eq!(
        err,
        PdfError::Limit(
            "a page's content streams and form XObjects decode to more than 8388608 bytes".into()
        )
    );
    // Drawn 7 times it fits.
    let pdf = one_page(
        "",
        "/XObject << /Fm 8 0 R >>",
        "/Fm Do\n".repeat(7).as_bytes(),
        vec![stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 200 200]",
            &vec![b' '; 1 << 20],
        )],
    );
    assert!(parse_pdf_with(&pdf, &options).is_ok());
}

#[test]
fn a_large_cmap_loaded_again_and_again() {
    // A font written directly in the resources (no object to cache it by)
    // whose ToUnicode map is 1 MiB (a real map padded with a comment),
    // selected 1,000 times: each `Tf` loads it again. The document's CMap
    // budget (here 8 MiB) runs out after 8 loads; later loads have no map,
    // and their glyphs are reported instead of read.
    let mut cmap = common::to_unicode();
    cmap.extend(b"%");
    cmap.extend(vec![b'x'; 1 << 20]);
    let hex = common::hex("党建");
    let mut content = format!("BT /F9 10 Tf 20 150 Td {hex} Tj ET\n");
    for _ in 0..1_000 {
        content += "/F9 10 Tf\n";
    }
    let _ = write!(content, "BT /F9 10 Tf 20 100 Td {hex} Tj ET");
    let pdf = one_page(
        "",
        "/Font << /F9 << /Type /Font /Subtype /Type0 /BaseFont /Direct /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >> >>",
        content.as_bytes(),
        vec![stream("", &cmap)],
    );
    let mut options = PdfOptions::default();
    options.max_stream_bytes = 8 << 20;
    let x = timed(Duration::from_secs(10), || extract(&pdf, &options)).unwrap();
    let rows: Vec<&Vec<String>> = x.pages[0].rows.iter().map(|r| &r.cells).collect();
    assert_eq!(rows, [&vec!["党建".to_owned()]]);
    assert_eq!(x.diagnostics.len(), 1);
    assert_eq!(
        x.diagnostics[0].message,
        "page 1: font Direct: its ToUnicode map cannot be read (damaged, empty or past the decoding limit); 2 glyphs left out"
    );
}
