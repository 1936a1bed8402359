//! Benchmark support for jixiao: a deterministic corpus generator, damaged
//! variants, adversarial inputs, the *floor* (the least any reader of these
//! files must do) and the rayon-parallel parse the CLI is meant to use.
//!
//! Everything here is seeded: the same seed and size give the same bytes on
//! every machine, so figures from different runs compare.
//!
//! ```
//! let text = jixiao_bench::corpus(64 * 1024, 7);
//! assert!(text.len() >= 64 * 1024);
//! assert_eq!(text, jixiao_bench::corpus(64 * 1024, 7));
//! let doc = jixiao::parse(&text);
//! assert!(!doc.has_errors());
//! ```

use std::fmt::Write as _;

use jixiao::{Decimal, Document, Form, Indicator, Target};
use rayon::prelude::*;

/// A small, fast, seeded generator (splitmix64): no dependency, same numbers
/// everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    #[must_use]
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// `true` with probability `1 / n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NAME_PARTS: &[&str] = &[
    "就业",
    "培训",
    "社区",
    "养老",
    "医疗",
    "信息化",
    "人才",
    "公共服务",
    "档案",
    "劳动",
    "监察",
    "仲裁",
    "调解",
    "创业",
    "补贴",
    "保障",
    "宣传",
    "运维",
    "评估",
    "专项",
];
const NAME_ENDS: &[&str] = &["经费", "项目", "专项资金", "工作经费", "服务费", "补助"];
const UNITS: &[&str] = &["%", "人", "元/人/天", "个", "次", "万元", "天", "件"];
const QUALITATIVE: &[&str] = &["及时", "准确", "稳定", "持续提升", "符合要求", "有效保障"];
const OPS: &[&str] = &["≥", "≤", "=", ">", "<", ""];

fn amount(rng: &mut Rng) -> Decimal {
    Decimal::new(i64::try_from(rng.below(2_000_000_000)).unwrap_or(0), 2)
}

fn target(rng: &mut Rng) -> Target {
    if rng.one_in(3) {
        return Target::parse(rng.pick::<&str>(QUALITATIVE));
    }
    let op = *rng.pick::<&str>(OPS);
    let whole = rng.below(10_000);
    let frac = rng.below(100);
    let unit = *rng.pick::<&str>(UNITS);
    Target::parse(&format!("{op}{whole}.{frac:02}({unit})"))
}

/// Vary one template form: name, amounts, dates' year, indicators (count,
/// order, names and targets).
fn vary(template: &Form, rng: &mut Rng, serial: usize) -> Form {
    let mut f = template.clone();
    let mut name = String::new();
    for _ in 0..=rng.below(3) {
        name.push_str(rng.pick::<&str>(NAME_PARTS));
    }
    name.push_str(rng.pick::<&str>(NAME_ENDS));
    let _ = write!(name, "{serial}");
    f.project.name = Some(name.into());
    let fu = &mut f.funding;
    if rng.one_in(2) {
        fu.project_total = Some(amount(rng));
    }
    fu.annual_total = Some(amount(rng));
    fu.annual_appropriation = fu.annual_total;
    fu.annual_carryover = Some(Decimal::new(0, 2));
    fu.annual_other = Some(Decimal::new(0, 2));
    if !template.indicators.is_empty() {
        let n = 3 + rng.below(14);
        let mut inds: Vec<Indicator> = Vec::with_capacity(n);
        for _ in 0..n {
            let mut ind = rng.pick(&template.indicators).clone();
            if rng.one_in(2) {
                let _ = write!(ind.name, "{}", *rng.pick::<&str>(NAME_PARTS));
            }
            ind.target = target(rng);
            inds.push(ind);
        }
        // Keep the template's level order so that labels carry as forms write them.
        inds.sort_by(|a, b| (&a.level1, &a.level2).cmp(&(&b.level1, &b.level2)));
        f.indicators = inds;
    }
    f
}

/// A corpus of at least `min_bytes` bytes of well-formed form text: forms made
/// from the sample's 30 forms with varied names, amounts, targets and
/// indicator counts, rendered with [`jixiao::render`]. Deterministic in `seed`.
///
/// ```
/// let text = jixiao_bench::corpus(10_000, 1);
/// assert!(text.starts_with(jixiao::parse(jixiao::SAMPLE).title.as_deref().unwrap()));
/// ```
#[must_use]
pub fn corpus(min_bytes: usize, seed: u64) -> String {
    let sample = jixiao::parse(jixiao::SAMPLE);
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(min_bytes + 4096);
    let mut serial = 0;
    while out.len() < min_bytes {
        let form = vary(rng.pick(&sample.forms), &mut rng, serial);
        let doc = Document {
            title: if serial == 0 {
                sample.title.clone()
            } else {
                None
            },
            forms: vec![form],
            ..Document::default()
        };
        if serial > 0 {
            out.push('\n');
        }
        out.push_str(&jixiao::render(&doc));
        serial += 1;
    }
    out
}

/// Damage a text the way bad extraction does: about one line in `every` is
/// deleted, duplicated, swapped with the next, has its cells swapped, or gets
/// garbage inserted before it. Deterministic in `seed`.
///
/// ```
/// let text = jixiao_bench::corpus(20_000, 1);
/// let bad = jixiao_bench::damage(&text, 3, 20);
/// assert_ne!(bad, text);
/// let doc = jixiao::parse(&bad);
/// assert!(doc.forms.len() > 5);
/// ```
#[must_use]
pub fn damage(text: &str, seed: u64, every: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut i = 0;
    while i < lines.len() {
        if rng.one_in(every.max(1)) {
            match rng.below(5) {
                0 => {
                    lines.remove(i);
                    continue;
                }
                1 => {
                    let l = lines[i].clone();
                    lines.insert(i, l);
                    i += 1;
                }
                2 if i + 1 < lines.len() => lines.swap(i, i + 1),
                3 => {
                    let mut cells: Vec<&str> = lines[i].split('\t').collect();
                    if cells.len() > 1 {
                        let a = rng.below(cells.len());
                        let b = rng.below(cells.len());
                        cells.swap(a, b);
                    }
                    lines[i] = cells.join("\t");
                }
                _ => {
                    lines.insert(
                        i,
                        format!("第 {} 页 乱码\t{}", rng.below(99), rng.below(1_000_000)),
                    );
                    i += 1;
                }
            }
        }
        i += 1;
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The committed layout fixtures (`crates/jixiao/fixtures/layouts/`): each
/// sample's text as every extractor gave it, with the layout it must be read
/// as (the tab layout by the copy-paste file): `(sample, layout, text)`.
///
/// # Panics
///
/// When the fixtures folder cannot be read (a checkout without it).
///
/// ```
/// let all = jixiao_bench::layout_fixtures();
/// assert!(all.iter().any(|(_, l, _)| *l == jixiao::Layout::Flow));
/// for (sample, layout, text) in &all {
///     assert_eq!(jixiao::parse(text).layout, *layout, "{sample}");
/// }
/// ```
#[must_use]
pub fn layout_fixtures() -> Vec<(String, jixiao::Layout, String)> {
    use jixiao::Layout;
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/jixiao/fixtures/layouts");
    let mut samples: Vec<_> = std::fs::read_dir(&dir)
        .expect("layout fixtures")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    samples.sort();
    let mut out = Vec::new();
    for sample in samples {
        for (ext, layout) in [
            ("paste.tsv", Layout::Tab),
            ("layout.txt", Layout::Spaced),
            ("plumber-text.txt", Layout::Flow),
            ("raw.txt", Layout::Plain),
        ] {
            if let Ok(text) =
                std::fs::read_to_string(dir.join(&sample).join(format!("{sample}.{ext}")))
            {
                out.push((sample.clone(), layout, text));
            }
        }
    }
    out
}

/// The floor: what any reader of these files must do with the bytes, and
/// nothing more. Validate UTF-8, split into lines (`\r\n`, `\n`, `\r`) and
/// lines into tab-separated cells, trim each cell. Returns (lines, non-empty
/// cells) so that the optimiser cannot drop the work.
///
/// ```
/// assert_eq!(jixiao_bench::floor(b"a\tb\r\n\t c \n\n"), Some((3, 3)));
/// assert_eq!(jixiao_bench::floor(b"\xff"), None);
/// ```
#[must_use]
pub fn floor(bytes: &[u8]) -> Option<(usize, usize)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut lines = 0;
    let mut cells = 0;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        for part in line.split('\r') {
            lines += 1;
            cells += part
                .split('\t')
                .filter(|c| !c.trim_matches(char::is_whitespace).is_empty())
                .count();
        }
    }
    // `split` yields an empty last piece after a final line end.
    if text.ends_with('\n') || text.ends_with('\r') {
        lines -= 1;
    }
    Some((lines, cells))
}

/// Parse in parallel on the current rayon pool: cut at form boundaries with
/// [`jixiao::split_forms`], parse the chunks in parallel, [`jixiao::assemble`]
/// in order. Gives exactly the document [`jixiao::parse`] gives. This is the
/// code the CLI should use.
///
/// ```
/// let text = jixiao_bench::corpus(50_000, 2);
/// assert_eq!(jixiao_bench::parse_parallel(&text), jixiao::parse(&text));
/// ```
#[must_use]
pub fn parse_parallel(text: &str) -> Document {
    let chunks = jixiao::split_forms(text);
    let items: Vec<jixiao::StreamItem> = chunks.par_iter().map(jixiao::FormChunk::parse).collect();
    jixiao::assemble(items)
}

/// Stream a text through [`jixiao::FormReader`], counting forms; the
/// memory-bounded route.
///
/// ```
/// assert_eq!(jixiao_bench::stream_count(jixiao::SAMPLE.as_bytes()).unwrap(), 30);
/// ```
pub fn stream_count(reader: impl std::io::BufRead) -> Result<usize, jixiao::StreamError> {
    let mut n = 0;
    for item in jixiao::FormReader::new(reader) {
        if let jixiao::StreamItem::Form(_) = item? {
            n += 1;
        }
    }
    Ok(n)
}

/// Hostile inputs, each about `size` bytes (or `size` repetitions).
pub mod hostile {
    /// One line of `size` bytes with no line end: CJK text with tabs now and then.
    #[must_use]
    pub fn single_line(size: usize) -> String {
        let unit = "项目名称绩效目标\t";
        unit.repeat(size / unit.len() + 1)
    }

    /// `n` form title rows and nothing else.
    #[must_use]
    pub fn form_headers(n: usize) -> String {
        "财政项目支出绩效目标申报表\n".repeat(n)
    }

    /// `n` blank lines (mixed whitespace).
    #[must_use]
    pub fn blank_lines(n: usize) -> String {
        " \t\u{3000}\n".repeat(n)
    }

    /// One form whose `项目名称` row is followed by `n` copies of the same
    /// labels: duplicated project fields, funding rows, goals headers and
    /// indicator label rows.
    #[must_use]
    pub fn repeated_labels(n: usize) -> String {
        let mut s = String::from("财政项目支出绩效目标申报表\n(2026 年度)\n项目名称\t甲\n");
        for _ in 0..n {
            s.push_str("主管部门\t乙\t实施单位\t丙\n项目资金(元)\t项目资金总额:\t1.00\t年度资金申请总额:\t2.00\n项目绩效目标\t项目总目标\t\t年度总体目标\n\t产出指标\t数量指标\t人数\t≥1(人)\n");
        }
        s
    }

    /// One line holding `n` tab-separated copies of a label (a row of repeated cells).
    #[must_use]
    pub fn repeated_cells(n: usize) -> String {
        let mut s = String::from("财政项目支出绩效目标申报表\n项目名称\t甲\n");
        s.push_str(&"产出指标\t".repeat(n));
        s.push('\n');
        s
    }

    /// About `size` bytes of space-aligned text (runs of spaces between
    /// labels, names and values: it reads as `pdftotext -layout`), a new form
    /// every `lines_per_form` lines (`0`: all in one form), deterministic.
    /// The spaced reader's geometry grew with the fourth power of a page's
    /// length on such text until its work was bounded.
    #[must_use]
    pub fn spaced_soup(size: usize, lines_per_form: usize) -> String {
        const TOKENS: [&str; 11] = [
            "数量指标",
            "质量指标",
            "产出指标",
            "人数",
            "≥2.00(次)",
            "符合要求",
            "=100(%)",
            "效益指标",
            "社会效益指标",
            "满意度",
            "绩效指标",
        ];
        const HEAD: &str = "财政项目支出绩效目标申报表\n项目名称   甲\n   一级指标   二级指标   三级指标   年度(/项目)指标值\n";
        let mut rng = crate::Rng::new(7);
        let mut s = String::with_capacity(size + 256);
        s.push_str(HEAD);
        let mut in_form = 0;
        while s.len() < size {
            for i in 0..=rng.below(3) {
                if i > 0 {
                    s.push_str("   ");
                }
                s.push_str(TOKENS[rng.below(TOKENS.len())]);
            }
            s.push('\n');
            in_form += 1;
            if lines_per_form > 0 && in_form == lines_per_form {
                s.push_str(HEAD);
                in_form = 0;
            }
        }
        s
    }

    /// A spaced form whose one value line holds `n` single-spaced words (one
    /// fragment of `n` words: its label split was quadratic in its length).
    #[must_use]
    pub fn spaced_words(n: usize) -> String {
        let mut s = String::from("财政项目支出绩效目标申报表\n项目名称   甲\n实施单位   乙\n");
        s.push_str(&"甲 ".repeat(n));
        s.push('\n');
        s
    }

    /// A spaced form of `n` lines of 400 label-prefix fragments each (joining
    /// wrapped labels compared every fragment with every other).
    #[must_use]
    pub fn spaced_fragments(n: usize) -> String {
        let mut s = String::from("财政项目支出绩效目标申报表\n项目名称   甲\n");
        let line = format!("{}\n", "项目   ".repeat(400));
        for _ in 0..n {
            s.push_str(&line);
        }
        s
    }

    /// One form whose goals run over `n` lines (a wrapped goal text was
    /// joined by copying the text so far at every line).
    #[must_use]
    pub fn goal_lines(n: usize) -> String {
        let mut s = String::from(
            "财政项目支出绩效目标申报表\n项目名称\t甲\n项目绩效目标\t项目总目标\t年度总体目标\n",
        );
        for _ in 0..n {
            s.push_str("\t加强就业服务能力建设\t做好各项工作\n");
        }
        s
    }

    /// About `n` lines of spaced forms of 41 indicator rows, each row
    /// followed by six filler lines of two one-letter columns (287 lines a
    /// form, just under the spaced reader's bound for reading by geometry).
    /// No cut of such a page into rows is consistent, so every target became
    /// a row and the level-label search weighed millions of cuts a page.
    #[must_use]
    pub fn spaced_filler(n: usize) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let mut lines = 0;
        while lines < n {
            s.push_str("财政项目支出绩效目标申报表\n项目名称   甲\n   一级指标   二级指标   三级指标   年度(/项目)指标值\n");
            for k in 1..=41 {
                let _ = writeln!(s, "   产出指标   数量指标   人数{k}   ≥{k}(人)");
                s.push_str(&"a  b\n".repeat(6));
            }
            lines += 3 + 41 * 7;
        }
        s
    }

    /// One form with `n` lines of an impossible start date: `n` diagnostics,
    /// each with a span (rendering each one found its line by counting lines
    /// from the top, quadratic in all).
    #[must_use]
    pub fn many_diagnostics(n: usize) -> String {
        let mut s = String::from("财政项目支出绩效目标申报表\n项目名称\t党建经费\n");
        s.push_str(&"计划开始日期\t2026-02-30\n".repeat(n));
        s
    }

    /// `n` copies of 429 fuzzed bytes that read as the flow layout, whose
    /// project rows have thousands of ways to read their lines (weighing
    /// them all cost 40 ms a copy before the bound).
    #[must_use]
    pub fn flow_project_rows(n: usize) -> String {
        let bytes = include_bytes!("../../crates/jixiao/fixtures/hostile/flow-project-rows.bin");
        let one = String::from_utf8_lossy(bytes);
        format!("{one}\n").repeat(n)
    }

    /// `n` copies of 3,182 fuzzed bytes that read as the flow layout with 13
    /// forms whose project rows each reach the bound of 2,000 readings: the
    /// slowest text per byte known to the flow reader (about 60 KB/s, linear;
    /// found by `render_roundtrip` and not yet fixed).
    #[must_use]
    pub fn flow_dense_project_rows(n: usize) -> String {
        let bytes =
            include_bytes!("../../crates/jixiao/fixtures/hostile/flow-dense-project-rows.bin");
        let one = String::from_utf8_lossy(bytes);
        format!("{one}\n").repeat(n)
    }

    /// `size` bytes of valid form text with one invalid byte at `at`.
    #[must_use]
    pub fn invalid_utf8(size: usize, at: usize) -> Vec<u8> {
        let mut bytes = crate::corpus(size, 11).into_bytes();
        bytes.truncate(size.max(at + 1));
        let at = at.min(bytes.len() - 1);
        bytes[at] = 0xff;
        bytes
    }
}
