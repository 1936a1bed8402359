//! Lines, cells and whitespace: the layer between raw text and the grammar.
//!
//! PDF-to-text tools separate cells with tabs but do not keep column positions
//! reliable, so the grammar never trusts a column index alone: it reads the
//! non-empty cells of a row in order and recognises labels by vocabulary.

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::textval::Text;

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
        trim(self.text).is_empty()
    }
}

/// One non-empty cell of a line.
#[derive(Debug, Clone)]
pub(crate) struct Cell<'a> {
    /// The cell's text, trimmed.
    pub text: &'a str,
    /// The cell's [`label_key`], computed the first time it is asked for
    /// (most cells are values that no label check ever looks at), borrowed
    /// from the text when the key is the text itself or a prefix of it.
    key: OnceCell<Cow<'a, str>>,
    /// 0-based index of the tab-separated field the cell came from.
    pub field: usize,
    /// Absolute byte offset of the trimmed text.
    pub start: usize,
}

impl<'a> Cell<'a> {
    /// A cell of `text` (trimmed, non-empty) at absolute offset `start`.
    pub fn new(text: &'a str, field: usize, start: usize) -> Self {
        Cell {
            text,
            key: OnceCell::new(),
            field,
            start,
        }
    }

    /// The cell's [`label_key`].
    pub fn key(&self) -> &str {
        self.key.get_or_init(|| key(self.text))
    }

    /// The cell's key if it can be a label of the vocabulary, else `""`
    /// (which no vocabulary lookup recognises). Decided by the first
    /// character ([`crate::vocab::text_may_start_label`]; the text is trimmed,
    /// so its first character is its key's) without building the key, so
    /// value cells cost one character's look.
    pub fn label(&self) -> &str {
        if crate::vocab::text_may_start_label(self.text) {
            self.key()
        } else {
            ""
        }
    }

    /// Whether the cell's key starts with `c`, a character that is not
    /// whitespace and has no full-width form (a CJK character): the text is
    /// trimmed, so its first character is the key's.
    pub fn key_starts_with(&self, c: char) -> bool {
        self.text.starts_with(c)
    }

    /// The last character of the cell's key without building it: the last
    /// character that is neither whitespace nor a colon, full-width folded.
    pub fn key_last_char(&self) -> Option<char> {
        self.text
            .chars()
            .rev()
            .map(fold_width)
            .find(|&c| !is_space(c) && c != ':')
    }

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

/// Whether a byte is ASCII whitespace (what [`is_space`] says of ASCII).
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || (0x09..=0x0d).contains(&b)
}

/// Whether a byte can start a non-ASCII [`is_space`] character (U+0085,
/// U+00A0, U+1680, U+2000–U+205F, U+3000, U+FEFF) or a full-width form
/// (U+FF01–U+FF5E). CJK ideographs (lead bytes E4–E9) never do.
fn is_special_lead(b: u8) -> bool {
    matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef)
}

/// The length of the UTF-8 sequence that byte `lead` starts (`lead` >= 0x80
/// is a lead byte: callers step from char boundary to char boundary).
fn utf8_width(lead: u8) -> usize {
    if lead >= 0xf0 {
        4
    } else if lead >= 0xe0 {
        3
    } else {
        2
    }
}

/// Position of the first `byte` in `bytes`, eight bytes at a time.
fn find_byte(bytes: &[u8], byte: u8) -> Option<usize> {
    find_either(bytes, byte, byte)
}

/// Position of the first `a` or `b` in `bytes`, eight bytes at a time.
fn find_either(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut i = 0;
    for chunk in chunks.by_ref() {
        let x = word(chunk);
        let found = zero_bytes(x ^ splat(a)) | zero_bytes(x ^ splat(b));
        if found != 0 {
            return Some(i + first_marked(found));
        }
        i += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| c == a || c == b)
        .map(|p| i + p)
}

/// Whether `bytes` may hold whitespace or a full-width form: an ASCII
/// control or space byte, or a byte that can start a non-ASCII space or a
/// full-width form (most cells hold neither), or one of a few other bytes
/// ([`word_special`]): `false` is exact, `true` only calls for a closer look.
/// Eight bytes at a time.
fn maybe_special(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if n < 8 {
        return bytes.iter().any(|&b| byte_special(b));
    }
    let mut chunks = bytes.chunks_exact(8);
    if chunks.by_ref().any(|chunk| word_special(word(chunk))) {
        return true;
    }
    // The last few bytes: the last eight, which overlap bytes already seen
    // (harmless for a test of whether any byte is special).
    !chunks.remainder().is_empty() && word_special(word(&bytes[n - 8..]))
}

/// `s` without trailing ASCII colons (a byte loop: `:` is one byte).
fn trim_colons(s: &str) -> &str {
    let mut end = s.len();
    while end > 0 && s.as_bytes()[end - 1] == b':' {
        end -= 1;
    }
    &s[..end]
}

/// The bytes [`maybe_special`] looks for, one at a time: a byte below 0x21,
/// a byte in C0–C3 or E0–E3 (masked with DC it is C0: this takes in the
/// leads C2, E1, E2 and E3, and C0, C1, C3 and E0, which cost only a closer
/// look), or EF.
fn byte_special(b: u8) -> bool {
    b < 0x21 || b & 0xdc == 0xc0 || b == 0xef
}

/// Whether a word of eight bytes holds a [`byte_special`] byte.
fn word_special(x: u64) -> bool {
    // Bytes below 0x21 (exact for any bound up to 0x80), then the leads.
    let low = x.wrapping_sub(splat(0x21)) & !x & HIGH;
    let leads = zero_bytes((x & splat(0xdc)) ^ splat(0xc0)) | zero_bytes(x ^ splat(0xef));
    low | leads != 0
}

/// The character starting at byte `i` of `s` (a char boundary).
fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or('\0')
}

/// The byte range of `s` that [`trim`] keeps.
fn trim_range(s: &str) -> (usize, usize) {
    let b = s.as_bytes();
    let mut start = 0;
    while let Some(&c) = b.get(start) {
        if c < 0x80 {
            if !is_ascii_space(c) {
                break;
            }
            start += 1;
        } else {
            if !is_special_lead(c) {
                break;
            }
            let ch = char_at(s, start);
            if !is_space(ch) {
                break;
            }
            start += ch.len_utf8();
        }
    }
    let mut end = b.len();
    while end > start {
        let c = b[end - 1];
        if c < 0x80 {
            if !is_ascii_space(c) {
                break;
            }
            end -= 1;
        } else {
            // The last character's lead byte: a character that does not
            // start with a special lead is no space (most cells end in CJK).
            let mut lead = end - 1;
            while lead > start && b[lead] & 0xc0 == 0x80 {
                lead -= 1;
            }
            if !is_special_lead(b[lead]) || !is_space(char_at(s, lead)) {
                break;
            }
            end = lead;
        }
    }
    (start, end)
}

/// Trim [`is_space`] characters from both ends.
pub(crate) fn trim(s: &str) -> &str {
    let (start, end) = trim_range(s);
    &s[start..end]
}

/// The lines of an input, lazily: what [`lines`] collects.
#[derive(Debug, Clone)]
pub(crate) struct LineIter<'a> {
    input: &'a str,
    pos: usize,
    no: usize,
}

/// Position of the first `\n` or `\r` in `bytes`, eight bytes at a time.
fn find_eol(bytes: &[u8]) -> Option<usize> {
    find_either(bytes, b'\n', b'\r')
}

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes as a little-endian word.
pub(crate) fn word(chunk: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(chunk);
    u64::from_le_bytes(w)
}

/// A word of eight copies of `b`.
pub(crate) fn splat(b: u8) -> u64 {
    ONES * u64::from(b)
}

/// The high bit of each zero byte of `x` set (a borrow can also mark bytes
/// above the first zero byte, never below it: the lowest mark is exact).
pub(crate) fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Index of the lowest marked byte.
pub(crate) fn first_marked(marks: u64) -> usize {
    (marks.trailing_zeros() / 8) as usize
}

impl<'a> Iterator for LineIter<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let bytes = self.input.as_bytes();
        let start = self.pos;
        if start >= bytes.len() {
            return None;
        }
        let (end, next) = match find_eol(&bytes[start..]) {
            Some(p) => {
                let at = start + p;
                let width = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                (at, at + width)
            }
            None => (bytes.len(), bytes.len()),
        };
        let line = Line {
            no: self.no,
            start,
            text: &self.input[start..end],
        };
        self.no += 1;
        self.pos = next;
        Some(line)
    }
}

/// Split the input into lines, lazily. A leading BOM is skipped (byte
/// offsets still count it); `\r\n`, `\n` and a lone `\r` all end a line. A
/// form feed is not a line break (editors do not count it as one): it is
/// whitespace inside the line it starts, as pdftotext writes it at the top of
/// each page.
pub(crate) fn line_iter(input: &str) -> LineIter<'_> {
    let body_start = if input.starts_with('\u{feff}') { 3 } else { 0 };
    LineIter {
        input,
        pos: body_start,
        no: 1,
    }
}

/// Split the input into lines (see [`line_iter`]).
pub(crate) fn lines(input: &str) -> Vec<Line<'_>> {
    line_iter(input).collect()
}

/// The non-empty cells of a line, split at tabs and trimmed.
pub(crate) fn cells<'a>(line: &Line<'a>) -> Vec<Cell<'a>> {
    let mut out = Vec::new();
    cells_into(line, &mut out);
    out
}

/// [`cells`] into a buffer (cleared first), so that one allocation serves
/// every line.
pub(crate) fn cells_into<'a>(line: &Line<'a>, out: &mut Vec<Cell<'a>>) {
    out.clear();
    let text = line.text;
    let bytes = text.as_bytes();
    let mut from = 0;
    let mut field = 0;
    loop {
        let to = find_byte(&bytes[from..], b'\t').map_or(bytes.len(), |p| from + p);
        let (lead, trail) = if from == to {
            (0, 0)
        } else {
            trim_range(&text[from..to])
        };
        if lead < trail {
            let t = &text[from + lead..from + trail];
            out.push(Cell::new(t, field, line.start + from + lead));
        }
        if to == bytes.len() {
            break;
        }
        from = to + 1;
        field += 1;
    }
}

/// Whether `s` holds two ASCII spaces in a row or an ideographic space
/// U+3000 (E3 80 80): how text without tabs shows its columns. One search
/// for either byte, eight bytes at a time, then a look at what follows.
pub(crate) fn has_space_run(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(p) = find_either(&bytes[from..], b' ', 0xe3) {
        let i = from + p;
        let next = &bytes[i + 1..];
        if (bytes[i] == b' ' && next.first() == Some(&b' ')) || next.starts_with(&[0x80, 0x80]) {
            return true;
        }
        from = i + 1;
    }
    false
}

/// Byte offset of the first `:` or `：` in `s`: a search for the byte `:`
/// or `：`'s lead byte EF, eight bytes at a time (neither byte occurs inside
/// another character's encoding), then a look at what follows an EF.
pub(crate) fn find_colon(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    loop {
        let i = from + find_either(&bytes[from..], b':', 0xef)?;
        if bytes[i] == b':' || bytes.get(i + 1..i + 3) == Some(&[0xbc, 0x9a]) {
            return Some(i);
        }
        from = i + 1;
    }
}

/// Byte offset of the last `:` or `：` in `s`.
pub(crate) fn rfind_colon(s: &str) -> Option<usize> {
    match (s.rfind(':'), s.rfind('：')) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Collapse every whitespace run to one ASCII space and trim the ends: the
/// normalisation the contract allows for free texts.
///
/// Text keeps its characters otherwise (full-width parentheses stay full-width).
pub(crate) fn normalize(s: &str) -> Text {
    if is_normal(s) {
        return Text::from(s);
    }
    let mut out = Text::with_capacity(s.len());
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

/// Whether [`normalize`] leaves `s` as it is: no whitespace but single ASCII
/// spaces between other characters.
fn is_normal(s: &str) -> bool {
    let b = s.as_bytes();
    // No whitespace at all (most cells): eight bytes at a time.
    if !maybe_special(b) {
        return true;
    }
    let mut prev_space = true; // a leading space is not normal
    let mut i = 0;
    while i < b.len() {
        // Skip eight bytes that hold no whitespace and nothing that may
        // start a special character (long texts with sparse full-width
        // punctuation), then the continuation bytes of a character cut by
        // the word's end.
        if let Some(chunk) = b.get(i..i + 8) {
            if !word_special(word(chunk)) {
                i += 8;
                while b.get(i).is_some_and(|&c| c & 0xc0 == 0x80) {
                    i += 1;
                }
                prev_space = false;
                continue;
            }
        }
        let c = b[i];
        if c == b' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
            i += 1;
            continue;
        }
        if c < 0x80 {
            if is_ascii_space(c) {
                return false;
            }
            i += 1;
        } else {
            if is_special_lead(c) && is_space(char_at(s, i)) {
                return false;
            }
            i += utf8_width(c);
        }
        prev_space = false;
    }
    !prev_space || b.is_empty()
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
    key(s).into_owned()
}

/// [`label_key`], borrowed from `s` when the key is `s` or a prefix of it
/// (no whitespace and no full-width form inside): most cells.
pub(crate) fn key(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    if !maybe_special(bytes) {
        return Cow::Borrowed(trim_colons(s));
    }
    // Built only once a character must be dropped or folded: runs of
    // characters that stay are copied whole.
    let mut owned: Option<String> = None;
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Skip eight bytes that hold nothing to drop or fold, then the
        // continuation bytes of a character cut by the word's end.
        if let Some(chunk) = bytes.get(i..i + 8) {
            if !word_special(word(chunk)) {
                i += 8;
                while bytes.get(i).is_some_and(|&b| b & 0xc0 == 0x80) {
                    i += 1;
                }
                continue;
            }
        }
        let c = bytes[i];
        if c < 0x80 {
            if is_ascii_space(c) {
                let buf = owned.get_or_insert_with(|| String::with_capacity(s.len()));
                buf.push_str(&s[run..i]);
                run = i + 1;
            }
            i += 1;
        } else if is_special_lead(c) {
            let ch = char_at(s, i);
            let w = ch.len_utf8();
            let folded = fold_width(ch);
            if is_space(ch) || folded != ch {
                let buf = owned.get_or_insert_with(|| String::with_capacity(s.len()));
                buf.push_str(&s[run..i]);
                if !is_space(ch) {
                    buf.push(folded);
                }
                run = i + w;
            }
            i += w;
        } else {
            i += utf8_width(c);
        }
    }
    match owned {
        None => Cow::Borrowed(trim_colons(s)),
        Some(mut key) => {
            key.push_str(&s[run..]);
            while key.ends_with(':') {
                key.pop();
            }
            Cow::Owned(key)
        }
    }
}

/// Join two fragments of one wrapped text: no space between CJK characters,
/// one space between Latin words. The join as it was written before the
/// in-place [`push_wrapped`]: the oracle their property test compares with.
#[cfg(test)]
pub(crate) fn join_wrapped(a: &str, b: &str) -> Text {
    let a = trim(a);
    let b = trim(b);
    if a.is_empty() {
        return Text::from(b);
    }
    if b.is_empty() {
        return Text::from(a);
    }
    let last = a.chars().next_back().unwrap_or(' ');
    let first = b.chars().next().unwrap_or(' ');
    let mut out = Text::with_capacity(a.len() + b.len() + 1);
    out.push_str(a);
    if last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric() {
        out.push(' ');
    }
    out.push_str(b);
    out
}

/// How a fragment `b` of a wrapped text joins the text `out` so far (empty or
/// trimmed): no space between CJK characters, one space between Latin words.
/// `None` when `b` is blank (nothing changes), else whether a space goes
/// between and the trimmed `b`. Appending in place with this keeps joining
/// many fragments linear (a join that returned a new text copied the text so
/// far at every fragment).
pub(crate) fn wrapped_tail<'b>(out: &str, b: &'b str) -> Option<(bool, &'b str)> {
    let b = trim(b);
    let first = b.chars().next()?;
    let space = out
        .chars()
        .next_back()
        .is_some_and(|last| last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric());
    Some((space, b))
}

/// Append the fragment `b` to `out` (empty or trimmed) by [`wrapped_tail`].
pub(crate) fn push_wrapped(out: &mut String, b: &str) {
    if let Some((space, b)) = wrapped_tail(out, b) {
        if space {
            out.push(' ');
        }
        out.push_str(b);
    }
}

/// [`push_wrapped`] for a model text.
pub(crate) fn push_wrapped_text(out: &mut Text, b: &str) {
    if let Some((space, b)) = wrapped_tail(out, b) {
        if space {
            out.push(' ');
        }
        out.push_str(b);
    }
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

    proptest::proptest! {
        #[test]
        fn push_wrapped_is_join_wrapped_folded(parts in proptest::collection::vec(
            proptest::string::string_regex("[ a1\u{3000}项目:]{0,6}").unwrap(), 0..8)
        ) {
            let folded = parts
                .iter()
                .fold(String::new(), |acc, p| join_wrapped(&acc, p).into_string());
            let mut pushed = String::new();
            let mut text = Text::default();
            for p in &parts {
                push_wrapped(&mut pushed, p);
                push_wrapped_text(&mut text, p);
            }
            proptest::prop_assert_eq!(&pushed, &folded);
            proptest::prop_assert_eq!(text.as_str(), folded.as_str());
        }
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

    // The byte-level helpers against the plain character-by-character
    // definitions they replace.
    mod same_as_by_chars {
        use super::super::*;
        use proptest::prelude::*;

        fn key_by_chars(s: &str) -> String {
            let mut key: String = s
                .chars()
                .filter(|c| !is_space(*c))
                .map(fold_width)
                .collect();
            while key.ends_with(':') {
                key.pop();
            }
            key
        }

        fn normalize_by_chars(s: &str) -> String {
            s.split(is_space)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }

        fn lines_by_chars(input: &str) -> Vec<(usize, usize, &str)> {
            let body = if input.starts_with('\u{feff}') { 3 } else { 0 };
            let mut out = Vec::new();
            let mut start = body;
            let mut rest = &input[body..];
            while !rest.is_empty() {
                let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
                out.push((out.len() + 1, start, &rest[..end]));
                let width = if rest[end..].starts_with("\r\n") {
                    2
                } else {
                    usize::from(end < rest.len())
                };
                start += end + width;
                rest = &rest[end + width..];
            }
            out
        }

        /// Text made of the characters the fast paths treat specially.
        fn tricky() -> impl Strategy<Value = String> {
            prop::collection::vec(
                prop::sample::select(vec![
                    "项",
                    "表",
                    "目",
                    "a",
                    "1",
                    " ",
                    "  ",
                    "\t",
                    "\n",
                    "\r",
                    "\r\n",
                    "\u{3000}",
                    "\u{a0}",
                    "\u{85}",
                    "\u{1680}",
                    "\u{2003}",
                    "\u{200b}",
                    "\u{2028}",
                    "\u{feff}",
                    "：",
                    ":",
                    "（",
                    "）",
                    "，",
                    "≥",
                    "、",
                    "《",
                    "Ａ",
                    "ｚ",
                    "\u{ff5f}",
                    "\u{e3}",
                    "\u{3001}",
                    "\u{1f600}",
                    "\x0c",
                ]),
                0..40,
            )
            .prop_map(|v| v.concat())
        }

        proptest! {
            #[test]
            fn key_trim_normalize(s in prop_oneof![tricky(), "\\PC{0,40}"]) {
                prop_assert_eq!(key(&s).into_owned(), key_by_chars(&s));
                prop_assert_eq!(trim(&s), s.trim_matches(is_space));
                prop_assert_eq!(normalize(&s), normalize_by_chars(&s));
                prop_assert_eq!(is_normal(&s), normalize_by_chars(&s) == s);
                // The fast test may say yes to more, never no to a special
                // byte, and its word test agrees with its byte test.
                if s.bytes().any(|b| b < 0x21 || is_special_lead(b)) {
                    prop_assert!(maybe_special(s.as_bytes()));
                }
                prop_assert_eq!(
                    maybe_special(s.as_bytes()),
                    s.bytes().any(byte_special)
                );
                prop_assert_eq!(find_colon(&s), s.find([':', '：']));
                prop_assert_eq!(rfind_colon(&s), s.rfind([':', '：']));
                // What a cell says of its key without building it.
                let cell = Cell::new(&s, 0, 0);
                prop_assert_eq!(cell.key_last_char(), key_by_chars(&s).chars().last());
                if trim(&s) == s {
                    prop_assert_eq!(cell.key_starts_with('项'), key_by_chars(&s).starts_with('项'));
                }
                prop_assert_eq!(cell.key(), key_by_chars(&s));
            }

            #[test]
            fn space_runs_are_found(s in prop_oneof![tricky(), "[ a\u{3000}、]{0,12}"]) {
                prop_assert_eq!(
                    has_space_run(&s),
                    s.contains("  ") || s.contains('\u{3000}')
                );
            }

            #[test]
            fn lines_and_cells(s in prop_oneof![tricky(), "\\PC{0,60}"]) {
                let got: Vec<_> = line_iter(&s).map(|l| (l.no, l.start, l.text)).collect();
                prop_assert_eq!(got, lines_by_chars(&s));
                for line in line_iter(&s) {
                    let mut offset = 0;
                    let mut want = Vec::new();
                    for (field, raw) in line.text.split('\t').enumerate() {
                        let lead = raw.len() - raw.trim_start_matches(is_space).len();
                        let t = raw.trim_matches(is_space);
                        if !t.is_empty() {
                            want.push((t, field, line.start + offset + lead));
                        }
                        offset += raw.len() + 1;
                    }
                    let got: Vec<_> = cells(&line).iter().map(|c| (c.text, c.field, c.start)).collect();
                    prop_assert_eq!(got, want);
                }
            }
        }
    }
}
