//! The content of a new dossier's files (`parscore init`): `dossier.json` with its paths
//! relative to the dossier folder, header-only tables, and another year's plan with its
//! tasks reset. Only bytes are made here; the command writes them, never over an existing
//! file.

use crate::input::Table;
use serde_json::{json, Map, Value};
use std::path::{Component, Path, PathBuf};
use time::Date;

/// The columns of a new `plan.csv`.
pub const PLAN_COLUMNS: [&str; 10] = [
    "id", "area", "task", "lead", "support", "due", "product", "status", "done_on", "criteria",
];

/// What a new dossier says about itself, its paths already relative to its folder.
#[derive(Clone, Debug)]
pub struct NewSettings {
    pub unit: String,
    pub year: i32,
    pub criteria: String,
    pub group: Option<String>,
    pub rankings: Option<String>,
    pub target_rank: Option<u32>,
    pub as_of: Option<Date>,
}

/// `dossier.json`, keys in the documented order, absent settings left out.
pub fn settings_json(s: &NewSettings) -> Vec<u8> {
    let mut m = Map::new();
    m.insert("format".into(), json!(super::settings::FORMAT));
    m.insert("unit".into(), json!(s.unit));
    m.insert("year".into(), json!(s.year));
    m.insert("criteria".into(), json!(s.criteria));
    if let Some(g) = &s.group {
        m.insert("group".into(), json!(g));
    }
    if let Some(r) = &s.rankings {
        m.insert("rankings".into(), json!(r));
    }
    if let Some(k) = s.target_rank {
        m.insert("target_rank".into(), json!(k));
    }
    if let Some(d) = s.as_of {
        m.insert("as_of".into(), json!(crate::value::iso_date(d)));
    }
    let mut out = serde_json::to_string_pretty(&Value::Object(m)).unwrap_or_default();
    out.push('\n');
    out.into_bytes()
}

/// A CSV writer in UTF-8 with a BOM, as Excel on Windows reads Vietnamese. Cells are
/// written as they are: they are the unit's own, going back into its own file.
fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec())
}

/// A header-only CSV.
pub fn header_only(columns: &[&str]) -> Vec<u8> {
    let mut w = csv_writer();
    let _ = w.write_record(columns);
    w.into_inner().unwrap_or_default()
}

/// Another year's plan for `year`: every task kept, its status and completion date
/// emptied (nothing is done yet), and the old year in its due replaced by the new one
/// (`Trước 15/01/2025` → `Trước 15/01/2026`, `Cả năm 2025` → `Cả năm 2026`).
pub fn plan_from(old: &Table, old_year: i32, year: i32) -> (Vec<u8>, usize) {
    let mut w = csv_writer();
    let mut headers = old.written_headers.clone();
    headers.truncate(old.headers.len());
    let _ = w.write_record(&headers);
    let blank = ["status", "done_on"].map(|c| old.column(c));
    let due = old.column("due");
    for row in &old.rows {
        let mut cells = row.cells.to_vec();
        cells.resize(old.headers.len(), String::new());
        for i in blank.iter().flatten() {
            cells[*i] = String::new();
        }
        if let Some(i) = due {
            cells[i] = cells[i].replace(&old_year.to_string(), &year.to_string());
        }
        let _ = w.write_record(&cells);
    }
    (w.into_inner().unwrap_or_default(), old.rows.len())
}

/// `target` as a path from the folder `from`, both absolute and free of links
/// (`/p/evidence/2027` and `/p/criteria/x.json` → `../../criteria/x.json`), with `/`.
/// `None` when they share no root (two Windows drives): the absolute path is kept then.
pub fn relative(from: &Path, target: &Path) -> Option<String> {
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = target.components().collect();
    if a.first() != b.first() {
        return None;
    }
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..a.len() {
        rel.push("..");
    }
    for c in &b[common..] {
        rel.push(c.as_os_str());
    }
    Some(rel.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_written_from_the_dossier_folder() {
        let rel = relative(
            Path::new("/p/evidence/2027"),
            Path::new("/p/criteria/haiphong-so-2026.json"),
        );
        assert_eq!(rel.as_deref(), Some("../../criteria/haiphong-so-2026.json"));
        let rel = relative(Path::new("/p"), Path::new("/p/criteria/x.json"));
        assert_eq!(rel.as_deref(), Some("criteria/x.json"));
    }
}
