//! The real `jixiao` binary on the shared fixtures.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../jixiao/fixtures")
        .join(name)
}

fn sample() -> PathBuf {
    fixture("jingan-hrss-2026.txt")
}

fn jixiao() -> Command {
    let mut cmd = Command::cargo_bin("jixiao").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

#[test]
fn summary_of_the_sample_shows_30_forms_and_the_total() {
    jixiao()
        .args(["summary", "--sample"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "30 forms, total 499,010,781.00 元",
        ))
        .stdout(predicate::str::contains("促进人力资源服务产业高质量发展"))
        .stdout(predicate::str::contains("54.1%"))
        .stdout(predicate::str::contains("特定目标类"))
        .stdout(predicate::str::contains("服务对象满意度指标"));
}

#[test]
fn summary_of_a_file_matches_the_embedded_sample() {
    let from_file = stdout_of(jixiao().arg("summary").arg(sample()));
    let embedded = stdout_of(jixiao().args(["summary", "--sample"]));
    assert_eq!(from_file, embedded);
}

#[test]
fn parse_json_is_the_v1_document() {
    let out = stdout_of(jixiao().args(["parse", "--format", "json"]).arg(sample()));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["forms"].as_array().unwrap().len(), 30);
    assert_eq!(doc["forms"][2]["funding"]["annual_total"], "200000.00");
}

#[test]
fn parse_json_of_several_inputs_is_an_array_in_argument_order() {
    let out = stdout_of(
        jixiao()
            .args(["parse", "--format", "json", "--sample"])
            .arg(fixture("rule-defects-2026.txt")),
    );
    let all: serde_json::Value = serde_json::from_str(&out).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["source"], "<sample>");
    assert!(all[1]["source"]
        .as_str()
        .unwrap()
        .ends_with("rule-defects-2026.txt"));
    assert_eq!(all[1]["document"]["forms"].as_array().unwrap().len(), 2);
}

#[test]
fn parse_ndjson_is_one_form_per_line() {
    let out = stdout_of(jixiao().args(["parse", "--sample", "--format", "ndjson"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 30);
    for (i, line) in lines.iter().enumerate() {
        let form: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(form["form"], i);
        assert_eq!(form["source"], "<sample>");
        assert_eq!(form["year"], 2026);
    }
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["project"]["name"], "残疾人就业保障金");
}

#[test]
fn parse_csv_is_the_long_table_with_exact_decimals() {
    let out = stdout_of(jixiao().args(["parse", "--sample", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().unwrap().clone();
    // `source`, then the core crate's columns (the same as the wasm `toCsv`).
    assert_eq!(&headers[0], "source");
    assert_eq!(
        headers.iter().skip(1).collect::<Vec<_>>(),
        jixiao::INDICATOR_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 177);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let biggest = rows
        .iter()
        .find(|r| &r[col("project_name")] == "促进人力资源服务产业高质量发展")
        .unwrap();
    assert_eq!(&biggest[col("source")], "<sample>");
    assert_eq!(&biggest[col("funding_unit")], "元");
    assert_eq!(&biggest[col("annual_total")], "270000000.00");
    assert_eq!(&biggest[col("target_value")], "270000000.00");
    assert_eq!(&biggest[col("target_cmp")], "<=");
    assert_eq!(&biggest[col("annual_carryover")], "0.00");
}

#[test]
fn parse_csv_with_bom_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    jixiao()
        .args(["parse", "--sample", "--format", "csv", "--bom", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbfsource,form,"));
}

#[test]
fn parse_table_lists_every_form() {
    jixiao()
        .args(["parse", "--sample", "--format", "table"])
        .assert()
        .success()
        .stdout(predicate::str::contains("伯乐奖匹配资金"))
        .stdout(predicate::str::contains("270,000,000.00"));
}

#[test]
fn stdin_is_read_with_a_dash_and_when_piped() {
    let text = std::fs::read_to_string(sample()).unwrap();
    let with_dash = stdout_of(
        jixiao()
            .args(["parse", "--format", "ndjson", "-"])
            .write_stdin(text.clone()),
    );
    assert_eq!(with_dash.lines().count(), 30);
    let piped = stdout_of(
        jixiao()
            .args(["parse", "--format", "ndjson"])
            .write_stdin(text),
    );
    assert_eq!(piped, with_dash);
}

#[test]
fn a_directory_is_read_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample(), dir.path().join("b.txt")).unwrap();
    std::fs::copy(fixture("rule-defects-2026.txt"), dir.path().join("a.txt")).unwrap();
    std::fs::write(dir.path().join("notes.md"), "not a form").unwrap();
    let out = stdout_of(
        jixiao()
            .args(["parse", "--format", "ndjson"])
            .arg(dir.path()),
    );
    let sources: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(sources.len(), 32);
    assert!(sources[0].ends_with("a.txt") && sources[1].ends_with("a.txt"));
    assert!(sources[2..].iter().all(|s| s.ends_with("b.txt")));
}

#[test]
fn a_file_that_is_not_utf8_is_named_with_its_offset() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("gbk.txt");
    // "项目" in UTF-8, then a GBK-encoded "名称" (not UTF-8) at byte offset 6.
    std::fs::write(&bad, b"\xe9\xa1\xb9\xe7\x9b\xae\xc3\xfb\xb3\xc6").unwrap();
    for cmd in ["parse", "check", "summary"] {
        jixiao()
            .arg(cmd)
            .arg(&bad)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("gbk.txt"))
            .stderr(predicate::str::contains("not UTF-8"))
            .stderr(predicate::str::contains("offset 6"));
    }
}

#[test]
fn a_missing_file_does_not_stop_the_others() {
    jixiao()
        .args(["parse", "--format", "ndjson", "no-such-file.txt"])
        .arg(sample())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-file.txt: cannot read"))
        .stdout(predicate::function(|s: &str| s.lines().count() == 30));
}

#[test]
fn check_the_sample_is_clean_but_for_warnings() {
    jixiao()
        .args(["check", "--sample"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[PT-C01]"))
        .stdout(predicate::str::contains("≥240000.00(元)"))
        .stdout(predicate::str::contains(
            "note: in form 4 (专业技术人员服务经费)",
        ))
        .stdout(predicate::str::contains(
            "checked 1 input (30 forms) with profile SH-2025+: 0 errors, 39 warnings, 2 notes",
        ));
}

#[test]
fn check_carets_measure_cjk_width() {
    let out = stdout_of(jixiao().args([
        "check", "--sample", "--allow", "PT-V04", "--allow", "PT-V03",
    ]));
    // The C01 frame: the caret line sits under "≥240000.00(元)", 14 columns wide (元 takes two).
    let lines: Vec<&str> = out.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("72 |")).unwrap();
    let source = lines[at];
    let carets = lines[at + 1];
    let start = carets.find('^').unwrap();
    let width = carets.matches('^').count();
    assert_eq!(width, 14, "{carets}");
    let value_col = unicode_col(source, "≥240000.00(元)");
    assert_eq!(start, value_col, "\n{source}\n{carets}");
}

/// The display column (CJK = 2) where `needle` starts in `line`.
fn unicode_col(line: &str, needle: &str) -> usize {
    let before = &line[..line.find(needle).unwrap()];
    before
        .chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

#[test]
fn deny_warnings_turns_the_sample_red() {
    jixiao()
        .args(["check", "--sample", "--deny", "warnings"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[PT-L03]"));
}

#[test]
fn allow_and_profile_are_validated() {
    jixiao()
        .args(["check", "--sample", "--allow", "PT-Z99"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown id"));
    jixiao()
        .args(["check", "--sample", "--profile", "XX"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown profile"));
    jixiao()
        .args([
            "check",
            "--sample",
            "--profile",
            "LEGACY-2011",
            "--allow",
            "l03",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("PT-L03").not())
        .stdout(predicate::str::contains("profile LEGACY-2011"));
}

#[test]
fn check_json_lists_findings_per_input() {
    let out = stdout_of(
        jixiao()
            .args(["check", "--format", "json", "--sample"])
            .arg(fixture("rule-defects-2026.txt")),
    );
    let all: serde_json::Value = serde_json::from_str(&out).unwrap();
    let sample = all[0]["diagnostics"].as_array().unwrap();
    assert_eq!(sample.len(), 41);
    assert_eq!(all[0]["forms"], 30);
    let codes: Vec<&str> = all[1]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for code in [
        "PT-A01",
        "PT-C02",
        "PT-V05",
        "PT-L04",
        "PT-L05",
        "PT-V01",
        "PT-H04",
        "incomplete-indicator",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
}

#[test]
fn a_broken_form_among_good_ones_fails_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample()).unwrap();
    std::fs::write(dir.path().join("1-good.txt"), &text).unwrap();
    let broken = text.replacen("109,026.00", "10x,026.00", 1);
    std::fs::write(dir.path().join("2-broken.txt"), broken).unwrap();
    std::fs::write(dir.path().join("3-good.txt"), &text).unwrap();
    let assert = jixiao()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1);
    let all: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let errors = |i: usize| {
        all[i]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count()
    };
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(errors(0), 0);
    assert!(errors(1) > 0);
    assert_eq!(errors(2), 0);
    assert_eq!(all[1]["forms"], 30);
    // parse still writes every form of all three, and says which file failed.
    jixiao()
        .args(["parse", "--format", "ndjson"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2-broken.txt"))
        .stdout(predicate::function(|s: &str| s.lines().count() == 90));
}

#[test]
fn schema_prints_json() {
    let out = stdout_of(jixiao().arg("schema"));
    let schema: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(schema["properties"]["schema_version"]["const"], 1);
}

#[test]
fn render_reads_back_to_the_same_forms() {
    let out = stdout_of(jixiao().args(["render", "--sample"]));
    let doc = jixiao::parse(&out);
    assert_eq!(doc.forms.len(), 30);
    assert_eq!(
        doc.forms[0].project.name.as_deref(),
        Some("残疾人就业保障金")
    );
}

#[test]
fn no_arguments_when_piped_prints_help_and_exits_2() {
    jixiao()
        .write_stdin("")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("Usage"));
}

fn layouts(name: &str) -> PathBuf {
    let variant = name.split('.').next().unwrap();
    fixture("layouts").join(variant).join(name)
}

fn parse_json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn project_names(doc: &serde_json::Value) -> Vec<String> {
    doc["forms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["project"]["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn summary_of_pdftotext_layout_text_detects_the_layout() {
    let file = layouts("sample-a.layout.txt");
    jixiao()
        .arg("summary")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "30 forms, total 499,010,781.00 元",
        ))
        .stdout(predicate::str::contains("spaced"))
        .stdout(predicate::str::contains("促进人力资源服务产业高质量发展"));
    // The sample itself reads as tab-separated.
    jixiao()
        .args(["summary", "--sample"])
        .assert()
        .success()
        .stdout(predicate::str::contains("layout"))
        .stdout(predicate::str::contains(" tab "));
}

#[test]
fn layout_is_a_global_option() {
    let file = layouts("sample-c.layout.txt");
    let sample = parse_json(jixiao().args(["parse", "--sample"]));
    assert_eq!(sample["layout"], "tab");
    let detected = parse_json(jixiao().arg("parse").arg(&file));
    assert_eq!(detected["layout"], "spaced");
    assert_eq!(detected["forms"].as_array().unwrap().len(), 30);
    assert_eq!(project_names(&detected), project_names(&sample));
    // Before or after the subcommand, the same forced layout.
    let before = parse_json(jixiao().args(["--layout", "spaced", "parse"]).arg(&file));
    let after = parse_json(
        jixiao()
            .arg("parse")
            .arg(&file)
            .args(["--layout", "spaced"]),
    );
    assert_eq!(before, detected);
    assert_eq!(after, detected);
    // Forcing the wrong layout reads it as tab text: not the same forms.
    let forced = stdout_of(jixiao().args(["parse", "--layout", "tab"]).arg(&file));
    let forced: serde_json::Value = serde_json::from_str(&forced).unwrap();
    assert_eq!(forced["layout"], "tab");
    assert_ne!(project_names(&forced), project_names(&sample));
    // check and render take it too.
    jixiao()
        .args(["check", "--layout", "spaced", "--format", "json"])
        .arg(&file)
        .assert()
        .stdout(predicate::str::contains("\"forms\": 30"));
    let rendered = stdout_of(jixiao().args(["render", "--layout", "auto"]).arg(&file));
    assert_eq!(jixiao::parse(&rendered).forms.len(), 30);
}

#[test]
fn pdfplumber_extract_text_is_read_as_flow_detected_or_forced() {
    // pdfplumber extract_text() of the sample printed by Chromium: single
    // spaces between cells, wrapped fragments on lines of their own.
    let file = layouts("sample-b.plumber-text.txt");
    let sample = parse_json(jixiao().args(["parse", "--sample"]));
    let detected = parse_json(jixiao().arg("parse").arg(&file));
    assert_eq!(detected["layout"], "flow");
    assert_eq!(project_names(&detected), project_names(&sample));
    let forced = parse_json(jixiao().args(["parse", "--layout", "flow"]).arg(&file));
    assert_eq!(forced, detected);
    jixiao()
        .arg("summary")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "30 forms, total 499,010,781.00 元",
        ));
}

#[test]
fn an_unknown_layout_is_a_usage_error() {
    jixiao()
        .args(["parse", "--sample", "--layout", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "auto, tab, grid, spaced, flow, plain",
        ));
}

#[test]
fn csv_files_are_read_as_rows_of_cells() {
    let file = layouts("sample-b.plumber-tables.csv");
    let sample = parse_json(jixiao().args(["parse", "--sample"]));
    let doc = parse_json(jixiao().arg("parse").arg(&file));
    assert_eq!(doc["layout"], "grid");
    assert_eq!(doc["forms"].as_array().unwrap().len(), 30);
    assert_eq!(project_names(&doc), project_names(&sample));
    // A wrapped cell ("计划开始\n日期", "上海市静安区人力资源\n和社会保障局 (汇总)") is one value.
    assert_eq!(
        doc["forms"][0]["project"]["start_date"],
        sample["forms"][0]["project"]["start_date"]
    );
    jixiao()
        .arg("summary")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("30 forms, total"))
        .stdout(predicate::str::contains("grid"));
    // Whatever --layout says about text, a .csv file is rows.
    let forced = parse_json(jixiao().args(["parse", "--layout", "tab"]).arg(&file));
    assert_eq!(forced, doc);
}

#[test]
fn stdin_is_csv_with_layout_grid() {
    let file = layouts("sample-b.plumber-tables.csv");
    let csv = std::fs::read(&file).unwrap();
    let from_file = parse_json(jixiao().arg("parse").arg(&file));
    let from_stdin = parse_json(
        jixiao()
            .args(["--layout", "grid", "parse", "-"])
            .write_stdin(csv),
    );
    assert_eq!(from_stdin, from_file);
}

#[test]
fn pdfplumber_json_is_read_as_rows_of_cells() {
    let json = layouts("sample-b.plumber-tables.json");
    let csv = layouts("sample-b.plumber-tables.csv");
    let doc = parse_json(jixiao().arg("parse").arg(&json));
    assert_eq!(doc["layout"], "grid");
    assert_eq!(doc["forms"].as_array().unwrap().len(), 30);
    assert_eq!(doc, parse_json(jixiao().arg("parse").arg(&csv)));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("doc.json");
    std::fs::write(&bad, r#"{"schema_version": 1}"#).unwrap();
    jixiao()
        .arg("parse")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not pdfplumber tables"));
}

#[test]
fn check_of_csv_rows_frames_the_row_text() {
    // A damaged amount in a CSV row: the code frame shows the row as text.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rows.csv");
    std::fs::write(
        &file,
        "财政项目支出绩效目标申报表\n(2026 年度)\n项目名称,示例项目\n项目资金(元),,年度资金申请总额:,\"1,9x0.00\"\n",
    )
    .unwrap();
    jixiao()
        .arg("check")
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("invalid-amount"))
        .stdout(predicate::str::contains("1,9x0.00"));
}

// PDF input (issue 8): the LibreOffice print of the sample's 30 forms, read
// straight from the page geometry by jixiao-pdf.
#[cfg(feature = "pdf")]
mod pdf {
    use super::*;

    fn sample_pdf() -> PathBuf {
        layouts("sample-lo.pdf")
    }

    /// (forms, indicators, sum of the annual totals as an exact decimal string).
    fn counts(doc: &serde_json::Value) -> (usize, usize, String) {
        let forms = doc["forms"].as_array().unwrap();
        let indicators = forms
            .iter()
            .map(|f| f["indicators"].as_array().unwrap().len())
            .sum();
        // Cents as integers: the totals are exact decimal strings with two places.
        let cents: u64 = forms
            .iter()
            .filter_map(|f| f["funding"]["annual_total"].as_str())
            .map(|s| {
                let (int, frac) = s.split_once('.').unwrap_or((s, "00"));
                int.parse::<u64>().unwrap() * 100
                    + format!("{frac:0<2}")[..2].parse::<u64>().unwrap()
            })
            .sum();
        (
            forms.len(),
            indicators,
            format!("{}.{:02}", cents / 100, cents % 100),
        )
    }

    #[test]
    fn a_pdf_parses_to_the_forms_of_the_text_sample() {
        let from_pdf = parse_json(
            jixiao()
                .args(["parse", "--format", "json"])
                .arg(sample_pdf()),
        );
        let from_text = parse_json(jixiao().args(["parse", "--format", "json", "--sample"]));
        assert_eq!(from_pdf["layout"], "grid");
        assert_eq!(counts(&from_pdf), (30, 177, "499010781.00".to_owned()));
        assert_eq!(counts(&from_pdf), counts(&from_text));
        assert_eq!(project_names(&from_pdf), project_names(&from_text));
        assert_eq!(from_pdf["forms"][2]["funding"]["annual_total"], "200000.00");
        assert_eq!(from_pdf["forms"][0]["year"], 2026);
    }

    #[test]
    fn summary_of_a_pdf_shows_30_forms_and_the_total() {
        jixiao()
            .arg("summary")
            .arg(sample_pdf())
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "30 forms, total 499,010,781.00 元",
            ))
            .stdout(predicate::str::contains("grid"))
            .stdout(predicate::str::contains("177"));
    }

    #[test]
    fn a_pdf_in_every_output_format() {
        let csv_out = stdout_of(
            jixiao()
                .args(["parse", "--format", "csv"])
                .arg(sample_pdf()),
        );
        let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
        assert_eq!(reader.records().count(), 177);
        let ndjson = stdout_of(
            jixiao()
                .args(["parse", "--format", "ndjson"])
                .arg(sample_pdf()),
        );
        assert_eq!(ndjson.lines().count(), 30);
        jixiao()
            .args(["parse", "--format", "table"])
            .arg(sample_pdf())
            .assert()
            .success()
            .stdout(predicate::str::contains("伯乐奖匹配资金"))
            .stdout(predicate::str::contains("270,000,000.00"));
        // render writes the forms as tab text, which reads back to the same forms.
        let rendered = stdout_of(jixiao().arg("render").arg(sample_pdf()));
        let reread = parse_json(
            jixiao()
                .args(["parse", "--format", "json", "-"])
                .write_stdin(rendered),
        );
        assert_eq!(counts(&reread), (30, 177, "499010781.00".to_owned()));
    }

    #[test]
    fn check_of_a_pdf_frames_the_extracted_rows() {
        let out = jixiao()
            .args(["check", "--format", "json"])
            .arg(sample_pdf())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report[0]["forms"], 30);
        assert!(!report[0]["diagnostics"].as_array().unwrap().is_empty());
        // Human output quotes the cell a finding points at.
        jixiao()
            .arg("check")
            .arg(sample_pdf())
            .assert()
            .code(0)
            .stdout(predicate::str::contains("sample-lo.pdf:"))
            .stdout(predicate::str::contains("满意度"));
    }

    #[test]
    fn a_pdf_is_recognised_by_its_header_on_stdin_and_under_any_name() {
        let bytes = std::fs::read(sample_pdf()).unwrap();
        let stdin = parse_json(
            jixiao()
                .args(["parse", "--format", "json", "-"])
                .write_stdin(bytes.clone()),
        );
        assert_eq!(counts(&stdin).0, 30);
        let piped = parse_json(
            jixiao()
                .args(["parse", "--format", "json"])
                .write_stdin(bytes.clone()),
        );
        assert_eq!(piped, stdin);
        let dir = tempfile::tempdir().unwrap();
        let renamed = dir.path().join("forms.txt");
        std::fs::write(&renamed, &bytes).unwrap();
        let doc = parse_json(jixiao().args(["parse", "--format", "json"]).arg(&renamed));
        assert_eq!(counts(&doc).0, 30);
    }

    #[test]
    fn a_directory_of_pdfs_and_text_is_read_in_parallel_in_sorted_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(sample_pdf(), dir.path().join("b.pdf")).unwrap();
        std::fs::copy(fixture("rule-defects-2026.txt"), dir.path().join("a.txt")).unwrap();
        std::fs::create_dir(dir.path().join("more")).unwrap();
        std::fs::copy(sample_pdf(), dir.path().join("more/c.PDF")).unwrap();
        let out = stdout_of(
            jixiao()
                .args(["parse", "--format", "ndjson"])
                .arg(dir.path()),
        );
        let sources: Vec<String> = out
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(sources.len(), 62);
        assert!(sources[..2].iter().all(|s| s.ends_with("a.txt")));
        assert!(sources[2..32].iter().all(|s| s.ends_with("b.pdf")));
        assert!(sources[32..].iter().all(|s| s.ends_with("c.PDF")));
    }

    /// Files that are not readable PDFs, in a temporary directory.
    fn broken_pdfs() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let not_pdf = dir.path().join("not-really.pdf");
        std::fs::write(&not_pdf, "项目名称\t党建经费\n").unwrap();
        // A download cut off after 10,000 bytes: the header and the first
        // objects, no pages, no cross-reference table.
        let truncated = dir.path().join("cut-off.pdf");
        let bytes = std::fs::read(sample_pdf()).unwrap();
        std::fs::write(&truncated, &bytes[..10_000]).unwrap();
        (dir, not_pdf, truncated)
    }

    #[test]
    fn a_file_named_pdf_that_is_not_one_exits_2_with_the_code() {
        let (_dir, not_pdf, _) = broken_pdfs();
        for cmd in ["parse", "check", "summary", "render"] {
            jixiao()
                .arg(cmd)
                .arg(&not_pdf)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("not-really.pdf: pdf-not-pdf"));
        }
    }

    #[test]
    fn a_truncated_pdf_exits_2_with_the_code_and_does_not_stop_the_others() {
        let (_dir, _, truncated) = broken_pdfs();
        jixiao()
            .args(["parse", "--format", "ndjson"])
            .arg(&truncated)
            .arg(sample())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cut-off.pdf: pdf-damaged"))
            .stdout(predicate::function(|s: &str| s.lines().count() == 30));
        // On standard input the message names `<stdin>`.
        let bytes = std::fs::read(&truncated).unwrap();
        jixiao()
            .args(["parse", "-"])
            .write_stdin(bytes)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("<stdin>: pdf-damaged"));
    }
}

/// Built without the `pdf` feature, a PDF is an unreadable input that says why.
#[cfg(not(feature = "pdf"))]
#[test]
fn without_the_pdf_feature_a_pdf_exits_2_and_says_why() {
    jixiao()
        .arg("parse")
        .arg(layouts("sample-lo.pdf"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("sample-lo.pdf: pdf-unsupported"))
        .stderr(predicate::str::contains("cargo feature `pdf`"));
}
