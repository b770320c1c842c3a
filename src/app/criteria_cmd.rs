//! `parscore criteria check` and `parscore criteria show`.

use super::{shown, Outcome, Status};
use crate::criteria::load_file;
use crate::lang::Lang;
use crate::report::criteria::{summary_json, summary_line, tree};
use crate::report::diagnostics;
use crate::text;
use std::path::PathBuf;

/// Checks each file; every problem of every file is reported in one run.
pub fn criteria_check(files: &[PathBuf], lang: Lang, json: bool) -> Outcome {
    let mut out = String::new();
    let mut err = String::new();
    let mut status = Status::Ok;
    let mut reports = Vec::new();
    for path in files {
        let name = shown(path);
        let loaded = match load_file(path, &name) {
            Ok(l) => l,
            Err(f) => {
                status = status.max(Status::CannotRun);
                err.push_str(&format!("{}\n", f.0.render(lang)));
                reports.push(serde_json::json!({"file": name, "valid": false, "problems": diagnostics::json(&[*f.0], lang)}));
                continue;
            }
        };
        let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = loaded.diagnostics.len() - errors;
        let valid = errors == 0 && loaded.criteria.is_some();
        if !valid {
            status = status.max(Status::DataProblems);
        }
        let summary = loaded
            .criteria
            .as_ref()
            .filter(|_| valid)
            .map(|c| (c, c.summary()));
        reports.push(serde_json::json!({
            "file": name,
            "valid": valid,
            "summary": summary.as_ref().map(|(c, s)| summary_json(c, s)),
            "problems": diagnostics::json(&loaded.diagnostics, lang),
        }));
        err.push_str(&diagnostics::lines(&loaded.diagnostics, lang));
        match summary {
            Some((c, s)) => out.push_str(&format!("{name}: {}\n", summary_line(c, &s, lang))),
            None => err.push_str(&format!(
                "{name}: {}\n",
                match lang {
                    Lang::Vi => format!(
                        "không hợp lệ: {}",
                        diagnostics::count_phrase(errors, warnings, lang)
                    ),
                    Lang::En => format!(
                        "invalid: {}",
                        diagnostics::count_phrase(errors, warnings, lang)
                    ),
                }
            )),
        }
    }
    if json {
        out = format!("{}\n", crate::escape::json_pretty(&reports));
    }
    Outcome {
        out,
        err,
        status,
        diagnostics: Vec::new(),
    }
}

/// Prints the tree, or the part of it under `code`.
pub fn criteria_show(
    file: &std::path::Path,
    code: Option<&str>,
    depth: Option<usize>,
    lang: Lang,
) -> Outcome {
    let name = shown(file);
    let loaded = match load_file(file, &name) {
        Ok(l) => l,
        Err(f) => return Outcome::fatal(f, lang),
    };
    let Some(c) = loaded
        .criteria
        .filter(|_| !loaded.diagnostics.iter().any(|d| d.is_error()))
    else {
        return Outcome::problems(&loaded.diagnostics, lang);
    };
    let root = match code {
        None => None,
        Some(code) => match c.find(code) {
            Some(n) => Some(n),
            None => {
                let d = crate::diag::Diagnostic::error(&name, text!(vi: "không có tiêu chí mã \"{code}\"", en: "no criterion has the code \"{code}\"")).for_code(code);
                return Outcome::problems(&[d], lang);
            }
        },
    };
    Outcome::ok(tree(&c, root, depth, lang))
}
