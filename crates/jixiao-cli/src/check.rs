//! `jixiao check`: parse diagnostics and rule findings, rendered like rustc
//! (annotate-snippets: code frame, carets measured in display columns so CJK
//! text lines up, colour through anstream only when the stream is a terminal)
//! or as JSON.

use std::io::Write;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use jixiao::{CheckOptions, Diagnostic, Severity};
use serde_json::json;

use crate::input::{self, Parsed};
use crate::{CheckArgs, CheckFormat, Deny, Status};

/// Lines of context at most in one code frame.
const MAX_FRAME_LINES: usize = 4;

/// The diagnostics of one input: parse diagnostics then rule findings, in
/// line order, with `--allow` and `--deny` applied.
fn diagnostics(parsed: &Parsed, args: &CheckArgs) -> Vec<Diagnostic> {
    let options = CheckOptions {
        profile: args.profile,
        allow: args.allow.clone(),
    };
    let mut all: Vec<Diagnostic> = parsed
        .document
        .diagnostics
        .iter()
        .filter(|d| !args.allow.iter().any(|a| a == d.code.as_str()))
        .cloned()
        .collect();
    all.extend(jixiao::check_source(
        &parsed.document,
        &parsed.text,
        &options,
    ));
    all.sort_by_key(|d| d.span.map_or((0, 0), |s| (s.start_line, s.start_col)));
    if args.deny.contains(&Deny::Warnings) {
        for d in &mut all {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }
    all
}

pub(crate) fn run(args: &CheckArgs) -> std::io::Result<Status> {
    let loaded = input::load(&args.input, true)?;
    let mut status = Status::Clean;
    let mut counts = [0usize; 3];
    let mut forms = 0;
    let mut json_out = Vec::new();
    let mut out = anstream::stdout().lock();
    let renderer = Renderer::styled();
    for item in &loaded {
        let parsed = match &item.outcome {
            Ok(p) => p,
            Err(message) => {
                status = status.max(Status::Unreadable);
                json_out.push(json!({ "source": item.name, "error": message }));
                continue;
            }
        };
        forms += parsed.document.forms.len();
        let diags = diagnostics(parsed, args);
        for d in &diags {
            counts[d.severity as usize] += 1;
            if d.severity == Severity::Error {
                status = status.max(Status::Findings);
            }
        }
        match args.format {
            CheckFormat::Json => json_out.push(json!({
                "source": item.name,
                "forms": parsed.document.forms.len(),
                "diagnostics": diags,
            })),
            CheckFormat::Human => {
                let starts = LineStarts::new(&parsed.text);
                for d in &diags {
                    let text = render(&renderer, d, parsed, &starts, &item.name);
                    writeln!(out, "{text}\n")?;
                }
            }
        }
    }
    match args.format {
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &json_out)?;
            writeln!(out)?;
        }
        CheckFormat::Human => {
            let [info, warning, error] = counts;
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            let style = if error > 0 {
                anstyle::Style::new()
                    .bold()
                    .fg_color(Some(anstyle::AnsiColor::Red.into()))
            } else {
                anstyle::Style::new().bold()
            };
            writeln!(
                out,
                "{style}checked {} ({}) with profile {}: {}, {}, {}{style:#}",
                plural(loaded.len(), "input"),
                plural(forms, "form"),
                args.profile,
                plural(error, "error"),
                plural(warning, "warning"),
                plural(info, "note"),
            )?;
        }
    }
    Ok(status)
}

fn level(sev: Severity) -> Level<'static> {
    match sev {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::NOTE,
    }
}

/// Byte offsets where each line starts (any line ending), found once per
/// input: each diagnostic's frame is then an index, not a scan from the top
/// (which made a large input with many findings quadratic).
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineStarts(starts)
    }

    /// Byte offset of the start of 1-based line `n`.
    fn get(&self, n: usize) -> Option<usize> {
        self.0.get(n.checked_sub(1)?).copied()
    }
}

/// One diagnostic as a compiler-style report.
fn render(
    renderer: &Renderer,
    d: &Diagnostic,
    parsed: &Parsed,
    starts: &LineStarts,
    source_name: &str,
) -> String {
    let text = &parsed.text;
    let form_note = d.form.and_then(|i| parsed.document.forms.get(i)).map(|f| {
        format!(
            "in form {} ({})",
            d.form.unwrap_or_default() + 1,
            f.project.name.as_deref().unwrap_or("unnamed")
        )
    });
    let title = level(d.severity)
        .primary_title(d.message.as_str())
        .id(d.code.as_str());
    let frame = d.span.and_then(|span| {
        let first = starts.get(span.start_line)?;
        let last_line = span.end_line.min(span.start_line + MAX_FRAME_LINES - 1);
        let end = starts.get(last_line + 1).map_or(text.len(), |e| e);
        let slice = text.get(first..end)?.trim_end_matches(['\n', '\r']);
        let start = span.start_byte.checked_sub(first)?;
        let stop = span
            .end_byte
            .saturating_sub(first)
            .min(slice.len())
            .max(start);
        Some((slice, span.start_line, start..stop))
    });
    let mut report: Vec<Group<'_>> = Vec::new();
    match frame {
        Some((slice, line, range)) => report.push(
            title.element(
                Snippet::source(slice)
                    .line_start(line)
                    .path(source_name)
                    .annotation(AnnotationKind::Primary.span(range)),
            ),
        ),
        None => report.push(Group::with_title(title)),
    }
    if let Some(note) = &form_note {
        report.push(Group::with_title(
            Level::NOTE.secondary_title(note.as_str()),
        ));
    }
    renderer.render(&report)
}

#[cfg(test)]
mod tests {
    use super::LineStarts;

    /// Line `n` starts after the (n-1)th line ending, whichever kind it is.
    #[test]
    fn line_starts_follow_every_line_ending() {
        let text = "a\nbb\r\nccc\rdd\n\n\u{feff}e";
        let starts = LineStarts::new(text);
        let got: Vec<Option<usize>> = (0..=8).map(|n| starts.get(n)).collect();
        assert_eq!(
            got,
            [
                None,
                Some(0),
                Some(2),
                Some(6),
                Some(10),
                Some(13),
                Some(14),
                None,
                None
            ]
        );
        assert_eq!(
            &text[starts.get(3).unwrap()..starts.get(4).unwrap()],
            "ccc\r"
        );
        assert_eq!(LineStarts::new("x\n").get(2), Some(2));
    }
}
