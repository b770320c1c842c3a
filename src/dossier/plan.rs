//! `plan.csv`: the unit's reform plan (`id,area,task,lead,support,due,product,status,done_on`,
//! optionally `criteria`, the leaf codes a task serves), and how much of it is done.

use super::Settings;
use crate::criteria::Criteria;
use crate::diag::{Diagnostic, Diagnostics, Fatal};
use crate::input::{fold, read_table_into};
use crate::text;
use crate::value::parse_date;
use std::path::Path;
use time::{Date, Month};

#[derive(Clone, Debug)]
pub struct Plan {
    pub source: String,
    pub tasks: Vec<Task>,
}

#[derive(Clone, Debug)]
pub struct Task {
    pub line: usize,
    pub id: String,
    pub task: String,
    pub lead: String,
    pub due_text: String,
    pub due: Due,
    pub status: String,
    pub done: bool,
    pub done_on: Option<Date>,
    pub criteria: Vec<String>,
}

/// When a task falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// A fixed date ("Trước 15/01/2026").
    On(Date),
    /// Ongoing, all year, or a range: counts as due at the end of the year.
    YearEnd(Date),
}

impl Due {
    pub fn date(self) -> Date {
        match self {
            Due::On(d) | Due::YearEnd(d) => d,
        }
    }
}

/// Statuses that mean a task is finished.
pub fn is_done_status(status: &str) -> bool {
    matches!(
        fold(status).as_str(),
        "done" | "hoàn thành" | "đã hoàn thành"
    )
}

/// Reads a due as the plan writes it; `None` when it cannot be understood.
pub fn parse_due(raw: &str, year: i32) -> Option<Due> {
    let year_end = Date::from_calendar_date(year, Month::December, 31).ok()?;
    let f = fold(raw);
    if f.contains("thường xuyên")
        || f.contains("cả năm")
        || f.contains("hằng năm")
        || f.contains("hàng năm")
    {
        return Some(Due::YearEnd(year_end));
    }
    let is_range = f.contains(" đến ") || f.split('-').filter(|p| p.trim().len() == 4).count() == 2;
    if is_range {
        return Some(Due::YearEnd(year_end));
    }
    let date_text = f
        .trim_start_matches("trước ngày")
        .trim_start_matches("trước")
        .trim_start_matches("ngày")
        .trim_start_matches("hạn")
        .trim();
    parse_date(date_text).map(Due::On)
}

pub fn read(
    path: &Path,
    source: &str,
    settings: &Settings,
    criteria: &Criteria,
    diags: &mut Diagnostics,
) -> Result<Option<Plan>, Fatal> {
    let Some(table) = read_table_into(path, source, crate::fsio::Within::folder_of(path), diags)?
    else {
        return Ok(None);
    };
    for col in ["id", "task", "lead", "due", "status"] {
        if table.column(col).is_none() {
            diags.push(
                Diagnostic::error(source, text!(vi: "thiếu cột \"{col}\" (cần id,area,task,lead,support,due,product,status,done_on)", en: "no \"{col}\" column (expected id,area,task,lead,support,due,product,status,done_on)"))
                    .at_line(Some(table.header_line)),
            );
        }
    }
    if table.column("id").is_none() || table.column("due").is_none() {
        return Ok(None);
    }
    let mut tasks = Vec::new();
    for row in &table.rows {
        let id = table.cell(row, "id").to_string();
        let at = |m| Diagnostic::error(source, m).at_line(Some(row.line));
        let due_text = table.cell(row, "due").to_string();
        let Some(due) = parse_due(&due_text, settings.year) else {
            diags.push(at(text!(vi: "nhiệm vụ {id}: thời hạn \"{due_text}\" không đọc được (ví dụ: Trước 15/01/2026, Thường xuyên, Cả năm 2026)", en: "task {id}: due \"{due_text}\" cannot be read (e.g. \"Trước 15/01/2026\", \"Thường xuyên\", \"Cả năm 2026\")")));
            continue;
        };
        let done_on = match table.cell(row, "done_on") {
            "" => None,
            raw => match parse_date(raw) {
                Some(d) => Some(d),
                None => {
                    diags.push(at(text!(vi: "nhiệm vụ {id}: ngày hoàn thành \"{raw}\" không phải ngày hợp lệ", en: "task {id}: done_on \"{raw}\" is not a valid date")));
                    None
                }
            },
        };
        let codes: Vec<String> = table
            .cell(row, "criteria")
            .split([';', ' ', ','])
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        for code in &codes {
            if criteria.find(code).is_none() {
                diags.push(at(text!(vi: "nhiệm vụ {id}: mã tiêu chí \"{code}\" không có trong bộ tiêu chí", en: "task {id}: criterion code \"{code}\" is not in the criteria set")).for_code(code));
            }
        }
        let status = table.cell(row, "status").to_string();
        tasks.push(Task {
            line: row.line,
            id,
            task: table.cell(row, "task").to_string(),
            lead: table.cell(row, "lead").to_string(),
            due_text,
            due,
            done: is_done_status(&status),
            status,
            done_on,
            criteria: codes,
        });
    }
    Ok(Some(Plan {
        source: source.to_string(),
        tasks,
    }))
}

/// The share of tasks due by `as_of` that were done by then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub due: Vec<String>,
    pub done: Vec<String>,
    pub not_yet_due: Vec<String>,
}

impl Plan {
    pub fn completion(&self, as_of: Date) -> Completion {
        let mut c = Completion {
            due: Vec::new(),
            done: Vec::new(),
            not_yet_due: Vec::new(),
        };
        for t in &self.tasks {
            if t.due.date() > as_of {
                c.not_yet_due.push(t.id.clone());
                continue;
            }
            c.due.push(t.id.clone());
            if t.done && t.done_on.is_none_or(|d| d <= as_of) {
                c.done.push(t.id.clone());
            }
        }
        c
    }

    /// The lead unit of the first task that serves a leaf.
    pub fn lead_for(&self, code: &str) -> Option<&str> {
        self.tasks
            .iter()
            .find(|t| t.criteria.iter().any(|c| c == code))
            .map(|t| t.lead.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_plans_deadlines() {
        let jan15 = Date::from_calendar_date(2026, Month::January, 15).unwrap();
        let end = Date::from_calendar_date(2026, Month::December, 31).unwrap();
        assert_eq!(parse_due("Trước 15/01/2026", 2026), Some(Due::On(jan15)));
        assert_eq!(parse_due("Thường xuyên", 2026), Some(Due::YearEnd(end)));
        assert_eq!(parse_due("Cả năm 2026", 2026), Some(Due::YearEnd(end)));
        assert_eq!(
            parse_due("Tháng 01/2026 đến tháng 5/2026", 2026),
            Some(Due::YearEnd(end))
        );
        assert_eq!(parse_due("2026-2027", 2026), Some(Due::YearEnd(end)));
        assert_eq!(
            parse_due("2026-03-31", 2026).map(Due::date),
            Date::from_calendar_date(2026, Month::March, 31).ok()
        );
        assert_eq!(parse_due("sớm nhất có thể", 2026), None);
    }

    #[test]
    fn done_statuses_in_both_languages() {
        assert!(is_done_status("Đã hoàn thành"));
        assert!(is_done_status(" done "));
        assert!(is_done_status("Hoàn thành"));
        assert!(!is_done_status("Đang thực hiện"));
    }
}
