//! One command over many dossiers in one run (`parscore score evidence/*/`, or over a
//! city's folder of units): each dossier is read and reported as on its own, the shared
//! criteria files are read once, and the reports are joined into one document: one section
//! per dossier for people, one CSV with a `dossier` column, one JSON `{ "dossiers": [ … ] }`.

use super::{Format, Outcome, Status};
use crate::dossier::Shared;
use crate::lang::Lang;
use crate::report::csv_out::BOM;
use std::path::{Path, PathBuf};

/// Runs `one` for every dossier and joins what they say. One dossier is reported exactly
/// as the command always did; with several, the exit status is the worst of them.
pub fn over_dossiers(
    paths: &[PathBuf],
    format: Format,
    lang: Lang,
    mut shared: Shared,
    mut one: impl FnMut(&Path, &mut Shared) -> Outcome,
) -> Outcome {
    if let [path] = paths {
        return one(path, &mut shared);
    }
    let runs: Vec<(String, Outcome)> = paths
        .iter()
        .map(|p| (crate::fsio::shown(p), one(p, &mut shared)))
        .collect();
    let status = runs
        .iter()
        .map(|(_, o)| o.status)
        .max()
        .unwrap_or(Status::Ok);
    let err = runs.iter().map(|(_, o)| o.err.as_str()).collect();
    let out = match format {
        Format::Table => table(&runs),
        Format::Csv => csv(&runs),
        Format::Json => json(runs, lang),
    };
    Outcome {
        out,
        err,
        status,
        diagnostics: Vec::new(),
    }
}

fn table(runs: &[(String, Outcome)]) -> String {
    let mut out = String::new();
    for (path, o) in runs.iter().filter(|(_, o)| !o.out.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        let path = crate::escape::for_terminal(path);
        out.push_str(&format!("══ {path} ══\n"));
        out.push_str(&o.out);
    }
    out
}

/// Every dossier's CSV under one header (the union of their columns, in the order first
/// seen), with the dossier's path as the first column.
fn csv(runs: &[(String, Outcome)]) -> String {
    let mut header: Vec<String> = Vec::new();
    let mut rows: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (path, o) in runs {
        let body = o.out.strip_prefix(BOM).unwrap_or(&o.out);
        let mut r = csv::Reader::from_reader(body.as_bytes());
        let Ok(names) = r.headers().cloned() else {
            continue;
        };
        for name in &names {
            if !header.iter().any(|h| h == name) {
                header.push(name.to_string());
            }
        }
        for record in r.records().flatten() {
            let cells = names
                .iter()
                .zip(record.iter())
                .map(|(n, c)| (n.to_string(), c.to_string()))
                .collect();
            rows.push((path.clone(), cells));
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut first = vec!["dossier".to_string()];
    first.extend(header.iter().cloned());
    let _ = w.write_record(&first);
    for (path, cells) in rows {
        let mut record = vec![crate::escape::csv_cell(&path).into_owned()];
        for h in &header {
            let cell = cells.iter().find(|(n, _)| n == h).map(|(_, c)| c.clone());
            record.push(cell.unwrap_or_default());
        }
        let _ = w.write_record(&record);
    }
    let body = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    format!("{BOM}{body}")
}

/// `{ "dossiers": [ { "dossier": PATH, …what the command prints for it… } ] }`; a dossier
/// that failed carries its `status` and `errors` as `--format json` always does.
///
/// Each command already wrote its document with `escape::json_pretty`; it is set in place,
/// indented one level deeper, rather than parsed and written again (which was a third of
/// a city-wide run).
fn json(runs: Vec<(String, Outcome)>, lang: Lang) -> String {
    let mut out = String::from("{\n  \"dossiers\": [");
    for (i, (path, o)) in runs.into_iter().enumerate() {
        let o = o.json_errors(lang);
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str("    {\n      \"dossier\": ");
        out.push_str(&crate::escape::json_pretty(&path));
        // `{\n  "key": …\n}\n`: the lines between the braces, two spaces deeper each.
        let body = o
            .out
            .trim_end()
            .strip_prefix('{')
            .and_then(|b| b.strip_suffix('}'))
            .unwrap_or_default();
        let body = body.trim_matches('\n');
        if !body.trim().is_empty() {
            out.push_str(",\n");
            for (k, line) in body.lines().enumerate() {
                if k > 0 {
                    out.push('\n');
                }
                out.push_str("    ");
                out.push_str(line);
            }
        }
        out.push_str("\n    }");
    }
    out.push_str("\n  ]\n}\n");
    out
}
