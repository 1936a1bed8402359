//! `jixiao parse`: the model as JSON, NDJSON, CSV (csv crate) or a table
//! (comfy-table).

use std::fs::File;
use std::io::{BufWriter, Write};

use jixiao::{Document, Form, Severity};
use serde_json::{json, Value};

use crate::input::{self, Loaded};
use crate::{ParseArgs, ParseFormat, Status};

/// The CSV columns: the form's project and funding, then the indicator.
const CSV_HEADER: &[&str] = &[
    "source",
    "form",
    "year",
    "project",
    "nature",
    "category",
    "department",
    "implementer",
    "start_date",
    "end_date",
    "money_unit",
    "annual_total",
    "annual_appropriation",
    "annual_carryover",
    "annual_other",
    "project_total",
    "level1",
    "level2",
    "indicator",
    "target",
    "kind",
    "cmp",
    "value",
    "unit",
    "text",
    "line",
];

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

fn form_columns(name: &str, index: usize, form: &Form) -> Vec<String> {
    let p = &form.project;
    let f = &form.funding;
    vec![
        name.to_owned(),
        index.to_string(),
        opt(form.year),
        opt(p.name.as_deref()),
        opt(p.nature.as_deref()),
        opt(p.category.as_deref()),
        opt(p.department.as_deref()),
        opt(p.implementer.as_deref()),
        opt(p.start_date),
        opt(p.end_date),
        opt(f.unit.as_deref()),
        // Decimals are written with the scale of the source, never as floats.
        opt(f.annual_total),
        opt(f.annual_appropriation),
        opt(f.annual_carryover),
        opt(f.annual_other),
        opt(f.project_total),
    ]
}

fn write_csv(out: &mut impl Write, docs: &[(&str, &Document)]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for (name, doc) in docs {
        for (i, form) in doc.forms.iter().enumerate() {
            let head = form_columns(name, i, form);
            for ind in &form.indicators {
                let t = &ind.target;
                let mut row = head.clone();
                row.extend([
                    opt(ind.level1.as_ref()),
                    opt(ind.level2.as_ref()),
                    ind.name.clone(),
                    t.raw.clone(),
                    match t.kind {
                        jixiao::TargetKind::Quantitative => "quantitative".to_owned(),
                        jixiao::TargetKind::Qualitative => "qualitative".to_owned(),
                    },
                    opt(t.cmp.map(jixiao::Comparison::as_ascii)),
                    opt(t.value),
                    opt(t.unit.as_deref()),
                    opt(t.text.as_deref()),
                    ind.span.start_line.to_string(),
                ]);
                w.write_record(&row)?;
            }
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
