//! `parscore criteria check` and `parscore criteria show`.

use super::{shown, Format, Outcome, Status};
use crate::criteria::load_file;
use crate::input::ReadOptions;
use crate::lang::Lang;
use crate::report::criteria::{imported_line, invalid_line, summary_json, summary_line, tree};
use crate::report::diagnostics;
use crate::text;
use std::path::{Path, PathBuf};

/// Checks each file; every problem of every file is reported in one run.
pub fn criteria_check(files: &[PathBuf], lang: Lang, format: Format, read: ReadOptions) -> Outcome {
    let mut out = String::new();
    let mut err = String::new();
    let mut status = Status::Ok;
    let mut reports = Vec::new();
    for path in files {
        let name = shown(path);
        let loaded = match load_file(path, &name, read) {
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
                invalid_line(errors, warnings, lang)
            )),
        }
    }
    if format.is_json() {
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
    read: ReadOptions,
    width: crate::report::table::Width,
) -> Outcome {
    let name = shown(file);
    let loaded = match load_file(file, &name, read) {
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
    Outcome::ok(tree(&c, root, depth, lang, width))
}

/// Options of `criteria import` beyond the table and the output file.
pub struct ImportArgs<'a> {
    pub table: &'a Path,
    pub out: &'a Path,
    pub id: Option<&'a str>,
    pub title: Option<&'a str>,
    pub year: Option<i32>,
}

/// Reads a criteria table (Word, Excel or CSV) and writes it as a criteria file, never
/// over an existing one; every problem is located in the table.
pub fn criteria_import(a: &ImportArgs, lang: Lang, read: ReadOptions) -> Outcome {
    let source = shown(a.table);
    let table = match crate::input::read_document_table(a.table, &source, read) {
        Ok(Ok(t)) => t,
        Ok(Err(d)) => return Outcome::problems(&[*d], lang),
        Err(f) => return Outcome::fatal(f, lang),
    };
    let file_name = a
        .table
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.clone());
    let stem = a
        .table
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let year = a.year.unwrap_or_else(|| {
        year_in(&file_name).unwrap_or_else(|| time::OffsetDateTime::now_utc().year())
    });
    let meta = crate::criteria::import::Meta {
        id: a.id.map(str::to_string).unwrap_or(stem),
        title: a
            .title
            .map(str::to_string)
            .unwrap_or_else(|| format!("Bộ chỉ số nhập từ {file_name}")),
        year,
        source: file_name,
    };
    let imported = crate::criteria::import::import(&table, &meta);
    let views = crate::report::import::rows(&imported.rows, imported.criteria.as_ref(), lang);
    let account = crate::report::import::account_text(&views, lang);
    let Some(json) = imported.json else {
        let mut out = Outcome::problems(&imported.diagnostics, lang);
        if !imported.rows.is_empty() {
            out.out = account;
        }
        return out;
    };
    let target = shown(a.out);
    let text = format!("{}\n", crate::escape::json_pretty(&json));
    if let Err(e) = crate::fsio::write_new(a.out, text.as_bytes()) {
        let why = if e.kind() == std::io::ErrorKind::AlreadyExists {
            text!(vi: "tệp đã tồn tại; xóa hoặc chọn tên khác", en: "the file exists; remove it or choose another name")
        } else {
            let why = crate::fsio::os_reason(&e);
            let (vi, en) = (&why.vi, &why.en);
            text!(vi: "không ghi được tệp: {vi}", en: "cannot write the file: {en}")
        };
        return Outcome::fatal(crate::diag::Diagnostic::error(&target, why).into(), lang);
    }
    let leaves = count_leaves(&json["areas"]);
    let areas = json["areas"].as_array().map_or(0, Vec::len);
    let items = json["adjustments"]["items"].as_array();
    let of_kind = |k: &str| items.map_or(0, |i| i.iter().filter(|x| x["kind"] == k).count());
    let adjustments = items.map(|_| (of_kind("bonus"), of_kind("penalty")));
    let mut out = Outcome::ok(
        account + &imported_line(&target, areas, leaves, imported.manual, adjustments, lang),
    );
    out.err = diagnostics::lines(&imported.diagnostics, lang);
    out
}

fn count_leaves(nodes: &serde_json::Value) -> usize {
    nodes.as_array().map_or(0, |list| {
        list.iter()
            .map(|n| match n.get("children") {
                Some(c) => count_leaves(c),
                None => 1,
            })
            .sum()
    })
}

/// A year written in a file name (`phu-luc-2026.docx`).
fn year_in(name: &str) -> Option<i32> {
    let digits: Vec<char> = name.chars().collect();
    digits.windows(4).find_map(|w| {
        let s: String = w.iter().collect();
        (s.starts_with("20") && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    })
}
