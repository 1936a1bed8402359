//! Lines, cells and whitespace: the layer between raw text and the grammar.
//!
//! PDF-to-text tools separate cells with tabs but do not keep column positions
//! reliable, so the grammar never trusts a column index alone: it reads the
//! non-empty cells of a row in order and recognises labels by vocabulary.

/// One physical line of the input.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub no: usize,
    /// Byte offset of the line's first byte in the whole input.
    pub start: usize,
    /// The line without its terminator (`\n` or `\r\n`).
    pub text: &'a str,
}

impl Line<'_> {
    /// Byte offset one past the line's last byte.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Whether the line holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.chars().all(is_space)
    }
}

/// One non-empty cell of a line.
#[derive(Debug, Clone)]
pub(crate) struct Cell<'a> {
    /// The cell's text, trimmed.
    pub text: &'a str,
    /// The cell's [`label_key`], computed once.
    pub key: String,
    /// 0-based index of the tab-separated field the cell came from.
    pub field: usize,
    /// Absolute byte offset of the trimmed text.
    pub start: usize,
}

impl Cell<'_> {
    /// Absolute byte offset one past the trimmed text.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Whitespace as PDF extraction produces it: ASCII, U+3000 ideographic space,
/// NBSP and the other Unicode spaces.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// Trim [`is_space`] characters from both ends.
pub(crate) fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Split the input into lines. A leading BOM is skipped (byte offsets still
/// count it); `\r\n`, `\n` and a lone `\r` all end a line. A form feed is
/// not a line break (editors do not count it as one): it is whitespace inside
/// the line it starts, as pdftotext writes it at the top of each page.
pub(crate) fn lines(input: &str) -> Vec<Line<'_>> {
    let body_start = if input.starts_with('\u{feff}') { 3 } else { 0 };
    let bytes = input.as_bytes();
    let mut out = Vec::new();
    let mut start = body_start;
    let mut i = body_start;
    let mut no = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(Line {
                    no,
                    start,
                    text: &input[start..i],
                });
                no += 1;
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push(Line {
                    no,
                    start,
                    text: &input[start..i],
                });
                no += 1;
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(Line {
            no,
            start,
            text: &input[start..],
        });
    }
    out
}

/// The non-empty cells of a line, split at tabs and trimmed.
pub(crate) fn cells<'a>(line: &Line<'a>) -> Vec<Cell<'a>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (field, raw) in line.text.split('\t').enumerate() {
        let lead = raw.len() - raw.trim_start_matches(is_space).len();
        let text = trim(raw);
        if !text.is_empty() {
            out.push(Cell {
                text,
                key: label_key(text),
                field,
                start: line.start + offset + lead,
            });
        }
        offset += raw.len() + 1;
    }
    out
}

/// Collapse every whitespace run to one ASCII space and trim the ends: the
/// normalisation the contract allows for free texts.
///
/// Text keeps its characters otherwise (full-width parentheses stay full-width).
pub(crate) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_space(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Fold a full-width ASCII variant (U+FF01–U+FF5E) to ASCII, and the CJK
/// punctuation that forms use interchangeably with ASCII (`〔〕` stay as they are).
pub(crate) fn fold_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// The key a label is recognised by: whitespace removed, full-width folded,
/// trailing colons dropped. `"项目资金（元）"` and `"项目资金 (元)"` share a key.
pub(crate) fn label_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    key.extend(s.chars().filter(|c| !is_space(*c)).map(fold_width));
    while key.ends_with(':') {
        key.pop();
    }
    key
}

/// Join two fragments of one wrapped text: no space between CJK characters,
/// one space between Latin words.
pub(crate) fn join_wrapped(a: &str, b: &str) -> String {
    let a = trim(a);
    let b = trim(b);
    if a.is_empty() {
        return b.to_owned();
    }
    if b.is_empty() {
        return a.to_owned();
    }
    let last = a.chars().next_back().unwrap_or(' ');
    let first = b.chars().next().unwrap_or(' ');
    let mut out = String::with_capacity(a.len() + b.len() + 1);
    out.push_str(a);
    if last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric() {
        out.push(' ');
    }
    out.push_str(b);
    out
}

/// 1-based column of a byte offset within a line, counted in Unicode scalar values.
pub(crate) fn char_col(line: &str, byte_in_line: usize) -> usize {
    let upto = byte_in_line.min(line.len());
    line.get(..upto).map_or(upto, |s| s.chars().count()) + 1
}

/// Terminal display width of a string: East Asian wide and full-width
/// characters count two columns.
pub(crate) fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_handle_crlf_bom_and_form_feed() {
        let input = "\u{feff}a\r\nb\rc\n\x0cd\n";
        let ls = lines(input);
        let texts: Vec<_> = ls.iter().map(|l| trim(l.text)).collect();
        assert_eq!(texts, ["a", "b", "c", "d"]);
        assert_eq!(ls[0].start, 3);
        assert_eq!(ls[1].no, 2);
        assert_eq!(&input[ls[3].start..ls[3].end()], "\x0cd");
    }

    #[test]
    fn cells_skip_empties_and_keep_offsets() {
        let input = "x\n\t其中: 财政资金\t\t 1,900.00 \t";
        let ls = lines(input);
        let cs = cells(&ls[1]);
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[0].text, "其中: 财政资金");
        assert_eq!(cs[0].field, 1);
        assert_eq!(cs[1].field, 3);
        assert_eq!(&input[cs[1].start..cs[1].end()], "1,900.00");
    }

    #[test]
    fn normalize_collapses_all_space_kinds() {
        assert_eq!(normalize(" a\u{3000}\u{a0} b  c "), "a b c");
        assert_eq!(normalize("培 训 等"), "培 训 等");
    }

    #[test]
    fn label_keys_fold_width_space_and_colon() {
        assert_eq!(label_key("项目资金（元）"), "项目资金(元)");
        assert_eq!(label_key("项目 绩效 目标"), "项目绩效目标");
        assert_eq!(label_key("项目资金总额："), "项目资金总额");
        assert_eq!(label_key("其中: 财政资金"), "其中:财政资金");
    }

    #[test]
    fn wrapped_fragments_join_by_script() {
        assert_eq!(join_wrapped("可持续影响指", "标"), "可持续影响指标");
        assert_eq!(join_wrapped("service", "level"), "service level");
        assert_eq!(join_wrapped("达到", "95%"), "达到95%");
    }

    #[test]
    fn columns_and_widths_count_chars() {
        assert_eq!(char_col("项目\tx", 7), 4);
        assert_eq!(display_width("项目ab"), 6);
    }
}
