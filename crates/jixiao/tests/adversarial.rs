//! Hostile input: huge and degenerate inputs complete without a panic, and
//! random damage never panics and never changes the forms it did not touch.
//!
//! Sizes here are scaled to run in seconds in a debug build; the full sizes
//! (a 50 MB line, a million headers, …) and their timings at n/4, n/2 and n,
//! which show linear growth, come from the release-built
//! `jixiao-measure hostile` (benches/), run by `scripts/suites/bench-smoke.sh`.
//! No test here times anything.

mod common;

use std::fmt::Write as _;

use jixiao::{parse, parse_bytes, split_forms, Code, Error, FormReader, StreamItem};
use proptest::prelude::*;

/// Parse every way there is; all must agree and none may panic.
fn everything(text: &str) -> jixiao::Document {
    let doc = jixiao::parse_with(
        text,
        &jixiao::ParseOptions::with_layout(jixiao::Layout::Tab),
    );
    let streamed: Result<Vec<StreamItem>, _> = FormReader::new(text.as_bytes()).collect();
    assert_eq!(jixiao::assemble(streamed.expect("valid UTF-8")), doc);
    let chunked = jixiao::assemble(split_forms(text).iter().map(jixiao::FormChunk::parse));
    assert_eq!(chunked, doc);
    doc
}

#[test]
fn one_huge_line() {
    let line = "项目名称绩效目标\t".repeat(200_000); // 5.2 MB, no line end
    let doc = everything(&line);
    assert!(doc.forms.is_empty());
    assert_eq!(doc.diagnostics.len(), 2, "{:?}", common::codes(&doc));
    // Messages quote an excerpt, never the whole line.
    assert!(doc.diagnostics.iter().all(|d| d.message.len() < 400));
    let _ = doc.to_json();
}

#[test]
fn one_huge_cell_inside_a_form() {
    let mut text = String::from("财政项目支出绩效目标申报表\n项目名称\t");
    text.push_str(&"长".repeat(1_000_000));
    text.push('\n');
    let doc = everything(&text);
    assert_eq!(doc.forms.len(), 1);
    assert_eq!(
        doc.forms[0]
            .project
            .name
            .as_ref()
            .map(|n| n.chars().count()),
        Some(1_000_000)
    );
}

#[test]
fn many_form_headers() {
    let n = 50_000;
    let doc = everything(&"财政项目支出绩效目标申报表\n".repeat(n));
    assert_eq!(doc.forms.len(), n);
    assert_eq!(doc.forms[n - 1].span.start_line as usize, n);
}

#[test]
fn many_blank_lines() {
    let doc = everything(&" \t\u{3000}\r\n".repeat(500_000));
    assert!(doc.forms.is_empty());
    assert_eq!(doc.diagnostics.len(), 1);
    assert_eq!(doc.diagnostics[0].code, Code::EmptyInput);
}

#[test]
fn blank_lines_between_forms() {
    let text = format!(
        "{}{}",
        "\n".repeat(300_000),
        jixiao::SAMPLE.replace("\n\n", &"\n".repeat(1000))
    );
    let doc = everything(&text);
    assert_eq!(doc.forms.len(), 30);
}

#[test]
fn deeply_repeated_labels() {
    let n = 5_000;
    let mut text = String::from("财政项目支出绩效目标申报表\n(2026 年度)\n项目名称\t甲\n");
    for _ in 0..n {
        text.push_str("主管部门\t乙\t实施单位\t丙\n项目资金(元)\t项目资金总额:\t1.00\t年度资金申请总额:\t2.00\n");
        text.push_str(
            "项目绩效目标\t项目总目标\t\t年度总体目标\n\t产出指标\t数量指标\t人数\t≥1(人)\n",
        );
    }
    let doc = everything(&text);
    assert_eq!(doc.forms.len(), 1);
    let dups = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::DuplicateField)
        .count();
    assert!(dups >= n - 1, "{dups} duplicate-field diagnostics");
}

/// A row of many cells the row's grammar has no place for. Kept small: each
/// `unexpected-cell` diagnostic counts its column from the line's start, so
/// time grows with cells × line length (quadratic in the row's length;
/// reported to the lead, measured by `jixiao-measure hostile`). Raise `n`
/// once diagnostics on one row share the column count.
#[test]
fn a_row_of_repeated_cells() {
    // Stray cells on one row are reported as one diagnostic, so this is
    // linear (it was quadratic: 3.8 s for 20,000 cells).
    let n = 200_000;
    let text = format!(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n{}\n",
        "产出指标\t".repeat(n)
    );
    let doc = everything(&text);
    assert_eq!(doc.forms.len(), 1);
    let stray: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == jixiao::Code::UnexpectedCell)
        .collect();
    assert_eq!(stray.len(), 1);
    // 一级 and 二级 labels, a name and a target take four cells; the first
    // stray cell is named, the rest counted.
    assert!(
        stray[0]
            .message
            .contains(&format!("and {} more cells", n - 5)),
        "{}",
        stray[0].message
    );
}

#[test]
fn many_page_furniture_lines() {
    let text = format!("{}{}", "第 1 页 共 9 页\n".repeat(50_000), jixiao::SAMPLE);
    let doc = everything(&text);
    assert_eq!(doc.forms.len(), 30);
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let mut bytes = jixiao::SAMPLE.repeat(20).into_bytes();
    let at = bytes.len() - 1000;
    // Step back to the first byte of a character, then break it.
    let at = (0..=at).rev().find(|&i| bytes[i] & 0xc0 != 0x80).unwrap();
    bytes[at] = 0xff;
    let err = parse_bytes(&bytes).unwrap_err();
    let Error::InvalidUtf8 { offset, line, .. } = err else {
        panic!("{err:?}");
    };
    assert_eq!(offset, at);
    let newlines = String::from_utf8_lossy(&bytes[..at]).matches('\n').count();
    assert_eq!(line, newlines + 1);
    assert!(err.to_string().contains(&format!("offset {at}")));
    let streamed: Result<Vec<_>, _> = FormReader::new(&bytes[..]).collect();
    assert!(streamed
        .unwrap_err()
        .to_string()
        .contains(&format!("offset {at}")));
}

/// Found by the `render_roundtrip` fuzz target: `(0506 年度)` read as the
/// year 506, which render wrote as `(506 年度)`, no longer a year line. A year
/// line now needs a four-digit year from 1000.
#[test]
fn a_year_below_1000_is_not_a_year() {
    let doc = parse("财政项目支出绩效目标申报表\n(0506 年度)\n项目名称\t甲\n");
    assert_eq!(doc.forms[0].year, None);
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == jixiao::Code::UnrecognisedLine));
    let again = parse(&jixiao::render(&doc));
    assert_eq!(again.forms[0].year, doc.forms[0].year);
}

// ---------------------------------------------------------------- properties

/// Every output route on one text; panics are the failure.
fn exercise(text: &str) {
    let doc = parse(text);
    let _ = doc.to_json();
    let _ = jixiao::render(&doc);
    for d in &doc.diagnostics {
        let _ = d.render(text);
    }
    let _ = jixiao::parse_strict(text);
    let _ = jixiao::check(&doc, &jixiao::CheckOptions::default());
}

/// One damaging edit of a form's lines; never touches the title row (line 0),
/// which is what keeps a damaged form from merging into the one before it.
#[derive(Debug, Clone)]
enum Edit {
    Delete(prop::sample::Index),
    Duplicate(prop::sample::Index),
    Swap(prop::sample::Index),
    Garbage(prop::sample::Index, String),
    SwapCells(
        prop::sample::Index,
        prop::sample::Index,
        prop::sample::Index,
    ),
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = any::<prop::sample::Index>;
    prop_oneof![
        i().prop_map(Edit::Delete),
        i().prop_map(Edit::Duplicate),
        i().prop_map(Edit::Swap),
        (i(), "[\\PC\t]{0,20}").prop_map(|(a, g)| Edit::Garbage(a, g)),
        (i(), i(), i()).prop_map(|(a, b, c)| Edit::SwapCells(a, b, c)),
    ]
}

fn apply(lines: &mut Vec<String>, edit: &Edit) {
    if lines.len() < 2 {
        return;
    }
    let pick = |i: &prop::sample::Index, len: usize| 1 + i.index(len - 1);
    match edit {
        Edit::Delete(i) => {
            lines.remove(pick(i, lines.len()));
        }
        Edit::Duplicate(i) => {
            let at = pick(i, lines.len());
            let l = lines[at].clone();
            lines.insert(at, l);
        }
        Edit::Swap(i) => {
            let at = pick(i, lines.len());
            if at + 1 < lines.len() {
                lines.swap(at, at + 1);
            }
        }
        Edit::Garbage(i, g) => lines.insert(pick(i, lines.len() + 1).min(lines.len()), g.clone()),
        Edit::SwapCells(i, a, b) => {
            let at = pick(i, lines.len());
            let mut cells: Vec<&str> = lines[at].split('\t').collect();
            let (a, b) = (a.index(cells.len()), b.index(cells.len()));
            cells.swap(a, b);
            lines[at] = cells.join("\t");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,300}") {
        exercise(&text);
    }

    #[test]
    fn arbitrary_form_like_strings_never_panic(
        parts in prop::collection::vec(prop_oneof![
            Just("财政项目支出绩效目标申报表".to_owned()), Just("(2026 年度)".to_owned()),
            Just("项目名称".to_owned()), Just("项目资金".to_owned()), Just("其中: 财政资金".to_owned()),
            Just("项目绩效目标".to_owned()), Just("绩效指标".to_owned()), Just("产出指标".to_owned()),
            Just("数量指标".to_owned()), Just("≥95.00(%)".to_owned()), Just("1,900.00".to_owned()),
            Just("2026-02-30".to_owned()), Just("\t".to_owned()), Just("\n".to_owned()),
            Just("\r".to_owned()), Just("\u{feff}".to_owned()), Just("第 1 页".to_owned()),
            "\\PC{0,6}",
        ], 0..80),
    ) {
        exercise(&parts.concat());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        match parse_bytes(&bytes) {
            Ok(doc) => { let _ = doc.to_json(); }
            Err(e) => { let _ = e.to_string(); }
        }
        let _ = FormReader::new(&bytes[..]).count();
    }

    /// Damage some forms of a document; every other form reads exactly as
    /// before (spans aside), and nothing panics.
    #[test]
    fn damage_leaves_other_forms_unchanged(
        picks in prop::collection::vec((0usize..30, any::<bool>()), 1..6),
        edits in prop::collection::vec(edit(), 1..10),
    ) {
        let chunks = split_forms(jixiao::SAMPLE);
        let clean = parse(jixiao::SAMPLE);
        let mut lines: Vec<String> = Vec::new();
        // (start line of an undamaged form in the new text, its model)
        let mut kept = Vec::new();
        for (k, &(p, damaged)) in picks.iter().enumerate() {
            let mut form: Vec<String> = chunks[p + 1].text().lines().map(str::to_owned).collect();
            if damaged {
                for (j, e) in edits.iter().enumerate() {
                    if j % picks.len() == k % picks.len() || picks.len() == 1 {
                        apply(&mut form, e);
                    }
                }
            } else {
                kept.push((lines.len() + 1, common::unspanned(&clean.forms[p])));
            }
            lines.extend(form);
        }
        let text = common::join(&lines);
        exercise(&text);
        let doc = parse(&text);
        for (start, want) in kept {
            let got = doc.forms.iter().find(|f| f.span.start_line as usize == start);
            prop_assert!(got.is_some(), "no form starts at line {}", start);
            prop_assert_eq!(&common::unspanned(got.unwrap()), &want);
        }
    }
}

/// One line of a mixed-layout text: tabbed, spaced, plain or blank.
fn mixed_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\t产出指标\t数量指标\t人数\t≥1(人)".to_owned()),
        Just("项目名称\t党建经费".to_owned()),
        Just("项目名称        党建经费".to_owned()),
        Just("产出指标　数量指标".to_owned()),
        Just("财政项目支出绩效目标申报表".to_owned()),
        Just("人数 ≥1(人)".to_owned()),
        Just(" \t ".to_owned()),
        "(?s:.){0,12}",
    ]
}

proptest! {
    /// Reading a text as tab-separated while counting its layout in the same
    /// pass gives exactly what detecting the layout first and then parsing
    /// gives, whatever the mix of lines and wherever the fused pass gives up
    /// (after 256 non-blank lines).
    #[test]
    fn fused_layout_detection_equals_two_passes(
        head in prop::collection::vec(mixed_line(), 0..40),
        repeat in 1usize..12,
        tail in prop::collection::vec(mixed_line(), 0..40),
    ) {
        let mut lines = Vec::new();
        for _ in 0..repeat {
            lines.extend(head.iter().cloned());
            lines.extend(tail.iter().cloned());
        }
        let text = lines.join("\n");
        let layout = jixiao::detect_layout(&text);
        let doc = parse(&text);
        prop_assert_eq!(doc.layout, layout);
        prop_assert_eq!(doc, jixiao::parse_with(&text, &jixiao::ParseOptions::with_layout(layout)));
    }
}

/// The fused pass leaves one-cell lines unsorted while they cannot outnumber
/// the tabbed lines; here they do, once the spaced ones come after the tabbed
/// ones, and the layout is still the one detection gives.
#[test]
fn fused_layout_detection_sorts_lines_that_could_decide() {
    let tabbed = "项目名称\t党建经费\n主管部门\t某局\n实施单位\t某局\n";
    let spaced = "项目性质    经常性项目\n".repeat(5);
    for text in [format!("{tabbed}{spaced}"), format!("{spaced}{tabbed}")] {
        assert_eq!(jixiao::detect_layout(&text), jixiao::Layout::Spaced);
        assert_eq!(parse(&text).layout, jixiao::Layout::Spaced, "{text}");
    }
    // Two spaced lines among three tabbed ones: tab-separated either way.
    let text = format!("{tabbed}{}", "项目性质    经常性项目\n".repeat(2));
    assert_eq!(jixiao::detect_layout(&text), jixiao::Layout::Tab);
    assert_eq!(parse(&text).layout, jixiao::Layout::Tab);
}

#[test]
fn fused_layout_detection_on_every_fixture() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut seen = 0;
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                let layout = jixiao::detect_layout(&text);
                let doc = parse(&text);
                assert_eq!(doc.layout, layout, "{}", path.display());
                let forced = jixiao::parse_with(&text, &jixiao::ParseOptions::with_layout(layout));
                assert_eq!(doc, forced, "{}", path.display());
                seen += 1;
            }
        }
    }
    assert!(seen >= 20, "{seen} fixtures");
}

/// Found by the `parse_bytes` fuzz target: 4 KB of short lines split by lone
/// CRs, read as the spaced layout, made the indicator-row search cubic (60 ms
/// for 4 KB, 4 s for 32 KB in a release build). Rows now span at most 32
/// lines; eight copies (32 KB, 6,649 lines) parse like any other text. No
/// time is asserted here: `jixiao-measure hostile` and the fuzz seed
/// `fuzz/corpus/parse_bytes/seed-spaced-many-lines` watch the speed.
#[test]
fn many_short_spaced_lines_on_one_page() {
    let bytes = include_bytes!("../fixtures/hostile/spaced-many-lines.bin");
    let text = String::from_utf8_lossy(bytes).repeat(8);
    let doc = parse(&text);
    assert_eq!(doc.layout, jixiao::Layout::Spaced);
    assert!(text.lines().count() > 6_000);
    assert_eq!(
        doc,
        jixiao::parse_with(
            &text,
            &jixiao::ParseOptions::with_layout(jixiao::Layout::Spaced)
        )
    );
}

/// A `pdftotext -layout` table of `rows` indicator rows on one page (no page
/// break), each row with its levels written out.
fn spaced_table(rows: usize) -> String {
    let mut text = String::from(
        "财政项目支出绩效目标申报表\n项目名称    甲\n\
         \x20   一级指标    二级指标    三级指标        年度(/项目)指标值\n",
    );
    for k in 1..=rows {
        let _ = writeln!(
            text,
            "    产出指标    数量指标    人数{k:<6}        ≥{k}(人)"
        );
    }
    text
}

fn assert_counted_rows(doc: &jixiao::Document, rows: usize) {
    assert_eq!(doc.layout, jixiao::Layout::Spaced);
    assert_eq!(doc.forms.len(), 1);
    let inds = &doc.forms[0].indicators;
    assert_eq!(inds.len(), rows);
    for (k, ind) in (1..).zip(inds) {
        assert_eq!(ind.name, format!("人数{k}"));
        assert_eq!(ind.target.raw, format!("≥{k}(人)"));
        assert_eq!(ind.target.value, Some(jixiao::Decimal::from(k)));
        assert_eq!(ind.level1, Some(jixiao::Level1::Output), "row {k}");
        assert_eq!(ind.level2, Some(jixiao::Level2::Quantity), "row {k}");
    }
}

/// The spaced reader's geometry compares the labels and rows of a page with
/// each other; on one long page of hostile text it grew with the fourth power
/// of the page's length (a 16 KB page took 7 s in a release build, 32 KB two
/// minutes). A page is now read in parts of at most 150 lines, as if page
/// breaks cut it: a 200-row table on one page still reads whole.
#[test]
fn a_long_spaced_page_is_read_in_parts() {
    let text = spaced_table(200);
    assert!(text.lines().count() > 200);
    assert_counted_rows(&parse(&text), 200);
}

/// A form body of more than 300 non-blank lines (real forms have under 60)
/// is read one line a row, its space-separated fragments as cells: still
/// every indicator of a clean table, and linear time for any text.
#[test]
fn a_spaced_form_past_the_geometry_bound_is_read_line_by_line() {
    let text = spaced_table(400);
    assert_counted_rows(&parse(&text), 400);
    // Hostile: 6,000 lines of label and value soup in one form finish (this
    // took hours before the bounds) and every fragment reaches the grammar.
    let soup = [
        "数量指标",
        "产出指标",
        "人数",
        "≥2.00(次)",
        "符合要求",
        "效益指标",
    ];
    let mut text = String::from("财政项目支出绩效目标申报表\n项目名称    甲\n");
    for k in 0..6_000 {
        text.push_str(soup[k % 6]);
        text.push_str("    ");
        text.push_str(soup[(k * 7 + 1) % 6]);
        text.push('\n');
    }
    let doc = jixiao::parse_with(
        &text,
        &jixiao::ParseOptions::with_layout(jixiao::Layout::Spaced),
    );
    assert_eq!(doc.forms.len(), 1);
    // Each soup line (lines 3 to 6,002) is in an indicator's span or the
    // span of a diagnostic about a few lines (not one about the whole form):
    // none is dropped unreported.
    let mut covered = vec![false; 6_003];
    let mut mark = |from: usize, to: usize| {
        let to = to.min(6_002);
        if from <= to {
            covered[from..=to].fill(true);
        }
    };
    for ind in &doc.forms[0].indicators {
        mark(ind.span.start_line as usize, ind.span.end_line as usize);
    }
    for d in &doc.diagnostics {
        if let Some(span) = d.span.filter(|s| s.end_line - s.start_line < 4) {
            mark(span.start_line, span.end_line);
        }
    }
    let missing: Vec<usize> = (3..=6_002).filter(|&l| !covered[l]).collect();
    assert!(
        missing.is_empty(),
        "{} lines unreported, first {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
}

/// Two more ways the spaced reader grew with the square of the text: a
/// fragment of many single-spaced words rebuilt its head at every space
/// (156 KB on one line took 25 s in a release build), and a form body with
/// many fragments compared every fragment with every other while joining
/// wrapped labels (351 KB: 5 s). Heads are now keyed one character at a time,
/// and a body of more than 2,000 fragments is read line by line; every line
/// still reaches the model or a diagnostic.
#[test]
fn long_spaced_lines_and_many_fragments_stay_linear() {
    let head = "财政项目支出绩效目标申报表\n项目名称   甲\n实施单位   乙\n";
    let words = format!("{head}{}\n", "甲 ".repeat(40_000));
    let doc = parse(&words);
    assert_eq!(doc.layout, jixiao::Layout::Spaced);
    let implementer = doc.forms[0].project.implementer.as_deref().unwrap_or("");
    assert_eq!(
        implementer.matches('甲').count(),
        40_000,
        "the words reach the model"
    );

    let mut soup = String::from("财政项目支出绩效目标申报表\n项目名称   甲\n");
    for _ in 0..100 {
        soup.push_str(&"项目   ".repeat(400));
        soup.push('\n');
    }
    let doc = parse(&soup);
    assert_eq!(doc.layout, jixiao::Layout::Spaced);
    assert_eq!(doc.forms[0].project.name.as_deref(), Some("甲"));
    let unread = doc
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnrecognisedLine)
        .expect("the soup is reported");
    let span = unread.span.expect("with its lines");
    assert_eq!((span.start_line, span.end_line), (3, 102));
}

/// A goal text wrapped over many lines was joined by copying the text so far
/// at every line: quadratic in the tab layout itself (100,000 lines, 6.7 MB:
/// 28 s in a release build). It is now appended in place; the goal keeps
/// every line, in order, and the streaming reader agrees.
#[test]
fn a_goal_over_many_lines_joins_in_linear_time() {
    let mut text = String::from(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n项目绩效目标\t项目总目标\t年度总体目标\n",
    );
    for k in 0..50_000 {
        let _ = writeln!(text, "\t第{k}行总目标\t第{k}行年度目标");
    }
    let doc = everything(&text);
    let goals = &doc.forms[0].goals;
    let project = goals.project.as_deref().expect("project goal");
    let annual = goals.annual.as_deref().expect("annual goal");
    assert!(project.starts_with("第0行总目标第1行总目标"));
    assert!(project.ends_with("第49999行总目标"));
    assert_eq!(project.matches("总目标").count(), 50_000);
    assert_eq!(annual.matches("年度目标").count(), 50_000);
}

/// Found by the `parse_text` fuzz target (15 ms for 2.6 KB in a release
/// build, 65 executions a second): filler lines of two one-letter columns
/// between indicator rows leave no consistent cut of the page into rows, so
/// every target became a row, and the level-label search over hundreds of
/// rows weighed millions of cuts. The search now skips cuts that leave a
/// label without a row (the same answer) and, past 20,000 cuts, gives each
/// row its nearest label. The indicator rows still read whole.
#[test]
fn filler_between_spaced_rows_keeps_the_rows() {
    let mut text = String::from(
        "财政项目支出绩效目标申报表\n项目名称   甲\n   一级指标   二级指标   三级指标   年度(/项目)指标值\n",
    );
    for k in 1..=40 {
        let _ = writeln!(text, "   产出指标   数量指标   人数{k}   ≥{k}(人)");
        text.push_str(&"a  b\n".repeat(6));
    }
    let doc = parse(&text);
    assert_eq!(doc.layout, jixiao::Layout::Spaced);
    assert_eq!(doc.forms.len(), 1);
    let inds = &doc.forms[0].indicators;
    for k in 1..=40 {
        let raw = format!("≥{k}(人)");
        let found: Vec<_> = inds.iter().filter(|i| i.target.raw == raw).collect();
        assert_eq!(found.len(), 1, "target {raw}: {found:?}");
        assert!(
            found[0].name.contains(&format!("人数{k}")),
            "{:?}",
            found[0]
        );
        assert_eq!(found[0].level1, Some(jixiao::Level1::Output));
        assert_eq!(found[0].level2, Some(jixiao::Level2::Quantity));
    }
    // Every filler line's right column reaches an indicator or a diagnostic.
    let named = inds
        .iter()
        .map(|i| i.name.matches('b').count())
        .sum::<usize>();
    let reported = doc
        .diagnostics
        .iter()
        .filter(|d| d.span.is_some() && d.code == Code::IncompleteIndicator)
        .count();
    assert!(named + reported >= 240, "{named} + {reported}");
}

/// Found by the `render_roundtrip` fuzz target: 429 bytes read as the flow
/// layout (pdfplumber's `extract_text()`) whose project rows each have
/// thousands of ways to read their lines (7,425), every one weighed with
/// text built for it: 40 ms for the 429 bytes in a release build, about
/// 9 KB/s. The reader now weighs at most 2,000 readings of a row (the
/// fixtures' largest has 270), skips building text for a reading already
/// worse than the best, and reports a row past the bound as unread. No time
/// is asserted: `jixiao-measure hostile` watches the speed.
#[test]
fn flow_project_rows_with_many_readings() {
    let bytes = include_bytes!("../fixtures/hostile/flow-project-rows.bin");
    let one = format!("{}\n", std::str::from_utf8(bytes).expect("valid UTF-8"));
    let text = one.repeat(8);
    let doc = parse(&text);
    assert_eq!(doc.layout, jixiao::Layout::Flow);
    // Each copy reads as the first does: the same projects, the same findings.
    let single = parse(&one);
    assert_eq!(single.forms.len(), 3);
    assert_eq!(doc.forms.len(), 8 * single.forms.len());
    assert_eq!(doc.diagnostics.len(), 8 * single.diagnostics.len());
    for (k, form) in doc.forms.iter().enumerate() {
        assert_eq!(form.project, single.forms[k % 3].project, "form {k}");
    }
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UnreadInLayout && d.span.is_some()));
}

/// The flow reader reports text it cannot place with the form that holds
/// it, found by halving the forms (it searched them one by one: quadratic in
/// hostile text with many forms and many unread cells). Each report names
/// the form the one-by-one search names, in four copies of fuzzed flow text
/// (52 forms).
#[test]
fn unread_flow_text_names_the_form_that_holds_it() {
    let one = include_str!("../fixtures/hostile/flow-dense-project-rows.bin");
    let doc = parse(&one.repeat(4));
    assert_eq!(doc.layout, jixiao::Layout::Flow);
    let unread: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnreadInLayout)
        .collect();
    let mut later_forms = 0;
    for d in &unread {
        let line = d.span.as_ref().expect("unread text has a span").start_line;
        let holder = doc
            .forms
            .iter()
            .position(|f| (f.span.start_line as usize..=f.span.end_line as usize).contains(&line));
        assert_eq!(d.form, holder, "line {line}: {}", d.message);
        later_forms += usize::from(holder.is_some_and(|i| i > 0));
    }
    // The copies read alike: four times one copy's forms and reports.
    let single = parse(one);
    let single_unread = single
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnreadInLayout)
        .count();
    assert_eq!(single.forms.len(), 13);
    assert!(single_unread > 0);
    assert_eq!((doc.forms.len(), unread.len()), (52, 4 * single_unread));
    assert!(
        later_forms > unread.len() / 2,
        "{later_forms} of {} reports in forms after the first",
        unread.len()
    );
}
