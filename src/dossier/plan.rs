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
    /// A range ("Tháng 01/2026 đến tháng 5/2026", "2026-2027"): due at the end of its
    /// last month (or of its last year, when only years are written).
    RangeEnd(Date),
    /// Ongoing or all year: due at the end of the assessment year.
    YearEnd(Date),
}

impl Due {
    pub fn date(self) -> Date {
        match self {
            Due::On(d) | Due::RangeEnd(d) | Due::YearEnd(d) => d,
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
    if let Some((_, last)) = f.rsplit_once(" đến ") {
        return range_end(last, year).map(Due::RangeEnd);
    }
    let years: Vec<&str> = f.split('-').map(str::trim).collect();
    if years.len() == 2 && years.iter().all(|y| y.len() == 4) {
        let last: i32 = years[1].parse().ok()?;
        return Date::from_calendar_date(last, Month::December, 31)
            .ok()
            .map(Due::RangeEnd);
    }
    let date_text = f
        .trim_start_matches("trước ngày")
        .trim_start_matches("trước")
        .trim_start_matches("ngày")
        .trim_start_matches("hạn")
        .trim();
    parse_date(date_text).map(Due::On)
}

/// The end of a range's last part: "tháng 5/2026" and "5/2026" end on 31/05/2026, "tháng
/// 5" on the 31st of May of the assessment year, "30/06/2026" on that day, "2027" on
/// 31/12/2027.
fn range_end(last: &str, year: i32) -> Option<Date> {
    let s = last.trim().trim_start_matches("tháng").trim();
    if let Some(d) = parse_date(s) {
        return Some(d);
    }
    let (month, y) = match s.split_once('/') {
        Some((m, y)) => (m.trim(), y.trim().parse::<i32>().ok()?),
        None if s.len() == 4 => {
            let y = s.parse::<i32>().ok()?;
            return Date::from_calendar_date(y, Month::December, 31).ok();
        }
        None => (s, year),
    };
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let first = Date::from_calendar_date(y, month, 1).ok()?;
    let next = first.replace_month(month.next()).ok()?;
    let next = if month == Month::December {
        next.replace_year(y + 1).ok()?
    } else {
        next
    };
    next.previous_day()
}

pub fn read(
    path: &Path,
    source: &str,
    settings: &Settings,
    criteria: &Criteria,
    diags: &mut Diagnostics,
    read: crate::input::ReadOptions,
) -> Result<Option<Plan>, Fatal> {
    let within = crate::fsio::Within::folder_of(path);
    let Some(table) = read_table_into(path, source, within, diags, read)? else {
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

/// How much of the plan is done at `as_of`:
/// completion = done ÷ counted × 100, where a task is *done* when its status says so and
/// its `done_on` (if any) is not after `as_of`, and *counted* when it is due by `as_of` or
/// done (a task finished before it falls due counts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Tasks due by `as_of` or done by then.
    pub counted: Vec<String>,
    pub done: Vec<String>,
    /// Done by `as_of` though not yet due (part of `done`).
    pub done_early: Vec<String>,
    /// Neither due nor done by `as_of`.
    pub not_yet_due: Vec<String>,
    /// Marked done with a completion date after `as_of`: not done at `as_of`.
    pub done_later: Vec<String>,
}

impl Completion {
    /// The completion rate in percent; `None` when nothing is counted.
    pub fn percent(&self) -> Option<rust_decimal::Decimal> {
        crate::number::percent_of(self.done.len().into(), self.counted.len().into())
    }
}

impl Plan {
    pub fn completion(&self, as_of: Date) -> Completion {
        let mut c = Completion {
            counted: Vec::new(),
            done: Vec::new(),
            done_early: Vec::new(),
            not_yet_due: Vec::new(),
            done_later: Vec::new(),
        };
        for t in &self.tasks {
            let due = t.due.date() <= as_of;
            let done = t.done && t.done_on.is_none_or(|d| d <= as_of);
            if t.done && !done {
                c.done_later.push(t.id.clone());
            }
            if !due && !done {
                c.not_yet_due.push(t.id.clone());
                continue;
            }
            c.counted.push(t.id.clone());
            if done {
                c.done.push(t.id.clone());
                if !due {
                    c.done_early.push(t.id.clone());
                }
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
        let date = |y, m, d| Date::from_calendar_date(y, m, d).unwrap();
        assert_eq!(
            parse_due("Tháng 01/2026 đến tháng 5/2026", 2026),
            Some(Due::RangeEnd(date(2026, Month::May, 31)))
        );
        assert_eq!(
            parse_due("tháng 1 đến tháng 2", 2028),
            Some(Due::RangeEnd(date(2028, Month::February, 29)))
        );
        assert_eq!(
            parse_due("Tháng 10 đến tháng 12/2026", 2026),
            Some(Due::RangeEnd(end))
        );
        assert_eq!(
            parse_due("01/03/2026 đến 30/06/2026", 2026),
            Some(Due::RangeEnd(date(2026, Month::June, 30)))
        );
        assert_eq!(
            parse_due("2026-2027", 2026),
            Some(Due::RangeEnd(date(2027, Month::December, 31)))
        );
        assert_eq!(parse_due("tháng 13 đến tháng 14", 2026), None);
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
