//! `jixiao parse`: the model as JSON, NDJSON, CSV (csv crate) or a table
//! (comfy-table).

use std::fs::File;
use std::io::{BufWriter, Write};

use jixiao::{Document, Severity};
use serde_json::{json, Value};

use crate::input::{self, Loaded};
use crate::{ParseArgs, ParseFormat, Status};

pub(crate) fn run(args: &ParseArgs) -> std::io::Result<Status> {
    let loaded = input::load(&args.input, false)?;
    let mut status = Status::Clean;
    for item in &loaded {
        match &item.outcome {
            Err(_) => status = status.max(Status::Unreadable),
            Ok(p) => {
                let errors = p
                    .document
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                if errors > 0 {
                    status = status.max(Status::Findings);
                    input::report_error(&format!(
                        "{}: {errors} parse error{} (run `jixiao check` for details)",
                        item.name,
                        if errors == 1 { "" } else { "s" }
                    ));
                }
            }
        }
    }
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            File::create(path)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    if args.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let ok: Vec<(&str, &Document)> = loaded
        .iter()
        .filter_map(|l| {
            l.outcome
                .as_ref()
                .ok()
                .map(|p| (l.name.as_str(), &p.document))
        })
        .collect();
    match args.format {
        ParseFormat::Json => write_json(&mut out, &ok)?,
        ParseFormat::Ndjson => write_ndjson(&mut out, &ok)?,
        ParseFormat::Csv => write_csv(&mut out, &ok)?,
        ParseFormat::Table => write_table(&mut out, &loaded)?,
    }
    out.flush()?;
    Ok(status)
}

fn write_json(out: &mut impl Write, docs: &[(&str, &Document)]) -> std::io::Result<()> {
    if let [(_, doc)] = docs {
        writeln!(out, "{}", doc.to_json())
    } else {
        let all: Vec<Value> = docs
            .iter()
            .map(|(name, doc)| json!({ "source": name, "document": doc }))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &all)?;
        writeln!(out)
    }
}

fn write_ndjson(out: &mut impl Write, docs: &[(&str, &Document)]) -> std::io::Result<()> {
    for (name, doc) in docs {
        for (i, form) in doc.forms.iter().enumerate() {
            let mut value = json!({ "source": name, "form": i });
            if let (Value::Object(map), Ok(Value::Object(fields))) =
                (&mut value, serde_json::to_value(form))
            {
                map.extend(fields);
            }
            serde_json::to_writer(&mut *out, &value)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The long table: a `source` column (the input's name), then
/// [`jixiao::INDICATOR_COLUMNS`], one row per indicator.
fn write_csv(out: &mut impl Write, docs: &[(&str, &Document)]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(std::iter::once("source").chain(jixiao::INDICATOR_COLUMNS.iter().copied()))?;
    for (name, doc) in docs {
        for row in jixiao::indicator_rows(doc) {
            w.write_record(std::iter::once(*name).chain(row.iter().map(String::as_str)))?;
        }
    }
    w.flush()
}

fn write_table(out: &mut impl Write, loaded: &[Loaded]) -> std::io::Result<()> {
    let mut table = crate::summary::new_table();
    table.set_header(vec![
        "source",
        "#",
        "project",
        "category",
        "year",
        "annual total",
        "unit",
        "indicators",
        "lines",
    ]);
    for item in loaded {
        let Ok(parsed) = &item.outcome else { continue };
        for (i, form) in parsed.document.forms.iter().enumerate() {
            table.add_row(vec![
                item.name.clone(),
                (i + 1).to_string(),
                opt(form.project.name.as_deref()),
                opt(form.project.category.as_deref()),
                opt(form.year),
                form.funding
                    .annual_total
                    .map(crate::summary::money)
                    .unwrap_or_default(),
                opt(form.funding.unit.as_deref()),
                form.indicators.len().to_string(),
                format!("{}–{}", form.span.start_line, form.span.end_line),
            ]);
        }
    }
    crate::summary::align_right(&mut table, &[1, 5, 7]);
    writeln!(out, "{table}")
}
