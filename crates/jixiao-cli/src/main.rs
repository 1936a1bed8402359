//! The `jixiao` command (minimal: `jixiao parse FILE|- [--format json]`).

use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let mut sample = false;
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("parse") => {}
        _ => {
            eprintln!("usage: jixiao parse FILE|-|--sample [--format json]");
            return ExitCode::from(2);
        }
    }
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                if it.next().map(String::as_str) != Some("json") {
                    eprintln!("jixiao: only --format json is supported");
                    return ExitCode::from(2);
                }
            }
            "--sample" => sample = true,
            other => file = Some(other.to_owned()),
        }
    }
    let bytes = if sample {
        jixiao::SAMPLE.as_bytes().to_vec()
    } else {
        let Some(path) = file else {
            eprintln!("usage: jixiao parse FILE|-|--sample [--format json]");
            return ExitCode::from(2);
        };
        let read = if path == "-" {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).map(|_| b)
        } else {
            std::fs::read(&path)
        };
        match read {
            Ok(b) => b,
            Err(e) => {
                eprintln!("jixiao: cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        }
    };
    match jixiao::parse_bytes(&bytes) {
        Ok(doc) => {
            println!("{}", doc.to_json());
            if doc.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
