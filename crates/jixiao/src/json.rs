//! The v1 JSON text of a [`Document`], written directly.
//!
//! The serde derives on the model define the JSON (and read it back); this
//! writer produces exactly the text `serde_json::to_string_pretty` gives for
//! them — same field order, `null` for `None`, decimals and dates as
//! strings, two-space indentation, the same escapes — without serde's
//! per-field machinery: field names are written as they are, and string
//! values are scanned for bytes to escape eight at a time. Tests compare the
//! two texts on the sample, on every escape, on damaged documents and on
//! arbitrary text (`tests/schema.rs`), and the `parse_text` fuzz target on
//! every input it tries.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Severity, SourceSpan};
use crate::model::{
    Comparison, Date, Document, Form, Funding, Goals, Indicator, Project, Span, Target, TargetKind,
};

/// The pretty JSON of `doc` (what [`Document::to_json`] returns).
pub(crate) fn document(doc: &Document) -> String {
    // Sized for the whole output at once (about 650 bytes an indicator).
    let capacity =
        1024 + 700 * doc.indicator_count() + 2048 * doc.forms.len() + 512 * doc.diagnostics.len();
    let mut w = Writer {
        out: String::with_capacity(capacity),
        depth: 0,
    };
    let mut o = w.object();
    o.key("schema_version").uint(u64::from(doc.schema_version));
    o.key("title").opt_str(doc.title.as_deref());
    o.key("forms").array(&doc.forms, form);
    o.key("diagnostics").array(&doc.diagnostics, diagnostic);
    o.key("layout").str(doc.layout.name());
    o.end();
    w.out
}

fn form(w: &mut Writer, f: &Form) {
    let mut o = w.object();
    match f.year {
        Some(y) => o.key("year").int(i64::from(y)),
        None => o.key("year").null(),
    }
    o.key("project");
    project(o.w, &f.project);
    o.key("funding");
    funding(o.w, &f.funding);
    o.key("goals");
    goals(o.w, &f.goals);
    o.key("indicators").array(&f.indicators, indicator);
    o.key("span");
    span(o.w, &f.span);
    o.end();
}

fn project(w: &mut Writer, p: &Project) {
    let mut o = w.object();
    o.key("name").opt_str(p.name.as_deref());
    o.key("nature").opt_str(p.nature.as_deref());
    o.key("category").opt_str(p.category.as_deref());
    o.key("department").opt_str(p.department.as_deref());
    o.key("implementer").opt_str(p.implementer.as_deref());
    o.key("start_date").opt_date(p.start_date);
    o.key("end_date").opt_date(p.end_date);
    o.end();
}

fn funding(w: &mut Writer, f: &Funding) {
    let mut o = w.object();
    o.key("unit").opt_str(f.unit.as_deref());
    o.key("project_total").opt_decimal(f.project_total);
    o.key("project_fiscal").opt_decimal(f.project_fiscal);
    o.key("project_other").opt_decimal(f.project_other);
    o.key("annual_total").opt_decimal(f.annual_total);
    o.key("annual_appropriation")
        .opt_decimal(f.annual_appropriation);
    o.key("annual_carryover").opt_decimal(f.annual_carryover);
    o.key("annual_other").opt_decimal(f.annual_other);
    o.end();
}

fn goals(w: &mut Writer, g: &Goals) {
    let mut o = w.object();
    o.key("project").opt_str(g.project.as_deref());
    o.key("annual").opt_str(g.annual.as_deref());
    o.end();
}

fn indicator(w: &mut Writer, i: &Indicator) {
    let mut o = w.object();
    o.key("level1")
        .opt_str(i.level1.as_ref().map(crate::Level1::label));
    o.key("level2")
        .opt_str(i.level2.as_ref().map(crate::Level2::label));
    o.key("name").str(&i.name);
    o.key("target");
    target(o.w, &i.target);
    o.key("span");
    span(o.w, &i.span);
    o.end();
}

fn target(w: &mut Writer, t: &Target) {
    let mut o = w.object();
    o.key("raw").str(&t.raw);
    o.key("kind").str(match t.kind {
        TargetKind::Quantitative => "quantitative",
        TargetKind::Qualitative => "qualitative",
    });
    o.key("cmp").opt_str(t.cmp.map(Comparison::as_ascii));
    o.key("value").opt_decimal(t.value);
    o.key("unit").opt_str(t.unit.as_deref());
    o.key("text").opt_str(t.text());
    o.end();
}

fn span(w: &mut Writer, s: &Span) {
    let mut o = w.object();
    o.key("start_line").usize(s.start_line as usize);
    o.key("end_line").usize(s.end_line as usize);
    o.key("start_byte").usize(s.start_byte);
    o.key("end_byte").usize(s.end_byte);
    o.end();
}

fn diagnostic(w: &mut Writer, d: &Diagnostic) {
    let mut o = w.object();
    o.key("code").str(d.code.as_str());
    o.key("severity").str(match d.severity {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    });
    o.key("message").str(&d.message);
    o.key("span");
    match &d.span {
        Some(s) => source_span(o.w, s),
        None => o.w.null(),
    }
    match d.form {
        Some(f) => o.key("form").usize(f),
        None => o.key("form").null(),
    }
    o.end();
}

fn source_span(w: &mut Writer, s: &SourceSpan) {
    let mut o = w.object();
    o.key("start_line").usize(s.start_line);
    o.key("end_line").usize(s.end_line);
    o.key("start_col").usize(s.start_col);
    o.key("end_col").usize(s.end_col);
    o.key("start_col_utf16").usize(s.start_col_utf16);
    o.key("end_col_utf16").usize(s.end_col_utf16);
    o.key("start_byte").usize(s.start_byte);
    o.key("end_byte").usize(s.end_byte);
    o.end();
}

/// `,` then a line break then indentation.
const BREAK: &str = {
    const B: [u8; 130] = {
        let mut b = [b' '; 130];
        b[0] = b',';
        b[1] = b'\n';
        b
    };
    match std::str::from_utf8(&B) {
        Ok(s) => s,
        Err(_) => panic!("ASCII"),
    }
};

struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    /// A line break (after a comma when `comma`) and the indentation.
    fn line(&mut self, comma: bool) {
        let from = usize::from(!comma);
        let width = 2 * self.depth;
        if 2 + width <= BREAK.len() {
            self.out.push_str(&BREAK[from..2 + width]);
        } else {
            self.out.push_str(&BREAK[from..2]);
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    fn object(&mut self) -> Object<'_> {
        self.out.push('{');
        self.depth += 1;
        Object {
            w: self,
            first: true,
        }
    }

    fn null(&mut self) {
        self.out.push_str("null");
    }

    fn str(&mut self, s: &str) {
        self.out.push('"');
        escape_into(&mut self.out, s);
        self.out.push('"');
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    fn opt_decimal(&mut self, d: Option<Decimal>) {
        match d {
            Some(d) => {
                // `rust_decimal::serde::str_option`: the Display text, sign,
                // digits of the mantissa and a point `scale` digits from the
                // right (`0.005`, `-0.00`), without the formatting machinery.
                self.out.push('"');
                if d.is_sign_negative() {
                    self.out.push('-');
                }
                let mut buf = itoa::Buffer::new();
                let digits = buf.format(d.mantissa().unsigned_abs());
                let scale = d.scale() as usize;
                if scale == 0 {
                    self.out.push_str(digits);
                } else if digits.len() > scale {
                    let (int, frac) = digits.split_at(digits.len() - scale);
                    self.out.push_str(int);
                    self.out.push('.');
                    self.out.push_str(frac);
                } else {
                    self.out.push_str("0.");
                    for _ in digits.len()..scale {
                        self.out.push('0');
                    }
                    self.out.push_str(digits);
                }
                self.out.push('"');
            }
            None => self.null(),
        }
    }

    fn opt_date(&mut self, d: Option<Date>) {
        match d {
            Some(d) => {
                self.out.push('"');
                let _ = write!(self.out, "{d}");
                self.out.push('"');
            }
            None => self.null(),
        }
    }

    fn uint(&mut self, n: u64) {
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    fn usize(&mut self, n: usize) {
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    fn int(&mut self, n: i64) {
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    /// `[]`, or one item a line.
    fn array<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Writer, &T)) {
        self.out.push('[');
        if items.is_empty() {
            self.out.push(']');
            return;
        }
        self.depth += 1;
        for (i, x) in items.iter().enumerate() {
            self.line(i > 0);
            item(self, x);
        }
        self.depth -= 1;
        self.line(false);
        self.out.push(']');
    }
}

/// An open object: its keys, then [`Object::end`].
struct Object<'w> {
    w: &'w mut Writer,
    first: bool,
}

impl Object<'_> {
    /// Write the next key (a plain ASCII name, no escapes) and `: `; the
    /// value follows on the returned writer.
    fn key(&mut self, name: &str) -> &mut Writer {
        self.w.line(!self.first);
        self.first = false;
        self.w.out.push('"');
        self.w.out.push_str(name);
        self.w.out.push_str("\": ");
        self.w
    }

    fn end(self) {
        self.w.depth -= 1;
        if !self.first {
            self.w.line(false);
        }
        self.w.out.push('}');
    }
}

/// Whether a byte must be escaped in a JSON string (`"`, `\`, C0 controls).
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Position of the first byte to escape, eight bytes at a time (the word
/// helpers of `text.rs`).
fn find_escape(bytes: &[u8]) -> Option<usize> {
    use crate::text::{first_marked, splat, word, zero_bytes, HIGH};
    let mut chunks = bytes.chunks_exact(8);
    let mut i = 0;
    for chunk in chunks.by_ref() {
        let x = word(chunk);
        // Bytes below 0x20 (the lowest mark is exact: the bound is below
        // 0x80), `"` and `\`.
        let marks = (x.wrapping_sub(splat(0x20)) & !x & HIGH)
            | zero_bytes(x ^ splat(b'"'))
            | zero_bytes(x ^ splat(b'\\'));
        if marks != 0 {
            return Some(i + first_marked(marks));
        }
        i += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| needs_escape(b))
        .map(|p| i + p)
}

/// `s` with `serde_json`'s escapes: `\"`, `\\`, `\b \t \n \f \r`, `\u00XX`
/// (lowercase hex) for the other C0 controls; nothing else is escaped.
fn escape_into(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(p) = find_escape(&bytes[from..]) {
        let at = from + p;
        out.push_str(&s[from..at]);
        match bytes[at] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x08 => out.push_str("\\b"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            0x0c => out.push_str("\\f"),
            b'\r' => out.push_str("\\r"),
            b => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
        from = at + 1;
    }
    out.push_str(&s[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_match_serde_json() {
        let all: String = (0u8..0x80)
            .map(char::from)
            .chain("项目\u{2028}é".chars())
            .collect();
        for s in [
            all.as_str(),
            "",
            "\"",
            "\\",
            "abcdefgh\u{1}",
            "12345678\"12345678",
        ] {
            let mut out = String::from("\"");
            escape_into(&mut out, s);
            out.push('"');
            assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }
}
