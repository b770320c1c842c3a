//! `parscore compare`: a table for people, long CSV and JSON for tools.

use super::csv_out::CsvOut;
use super::table::{new_table, Width};
use super::words::Words;
use crate::compare::{Basis, Cell, Change, Comparison, Level, Note, Row};
use crate::lang::Lang;
use crate::number::{machine, show_percent, show_points};
use rust_decimal::Decimal;

/// The notes on a change, joined with "; ", or `None` when there are none.
pub fn notes_words(notes: &[Note], lang: Lang) -> Option<String> {
    let w = Words(lang);
    let said: Vec<String> = notes
        .iter()
        .map(|n| match n {
            Note::NotIn(y) => w.t(
                format_args!("không có ở năm {y}: không so sánh được"),
                format_args!("not in {y}: not comparable"),
            ),
            Note::GoneIn(y) => w.t(
                format_args!("không còn ở năm {y}: không so sánh được"),
                format_args!("gone in {y}: not comparable"),
            ),
            Note::UnscoredIn(y) => w.t(
                format_args!("chưa chấm ở năm {y}: không so sánh được"),
                format_args!("unscored in {y}: not comparable"),
            ),
            Note::NotApplicableIn(y) => w.t(
                format_args!("không áp dụng ở năm {y}: không so sánh được"),
                format_args!("not applicable in {y}: not comparable"),
            ),
            Note::Matched {
                codes_from,
                from,
                codes_to,
                to,
            } => w.t(
                format_args!("{codes_from} ({from}) ứng với {codes_to} ({to})"),
                format_args!("{codes_from} ({from}) matched to {codes_to} ({to})"),
            ),
            Note::PartlyUnscored { year, points } => {
                let u = w.points(*points);
                w.t(
                    format_args!("năm {year} còn {u} điểm chưa chấm (tính là 0)"),
                    format_args!("{u} points unscored in {year} (counted as 0)"),
                )
            }
            Note::MaxChanged { from, to } => {
                let (a, b) = (w.points(*from), w.points(*to));
                w.t(
                    format_args!("điểm tối đa đổi từ {a} thành {b}: chỉ so sánh theo %"),
                    format_args!("maximum changed from {a} to {b}: compared in percent only"),
                )
            }
        })
        .collect();
    (!said.is_empty()).then(|| said.join("; "))
}

fn signed(d: Decimal, shown: String) -> String {
    if d > Decimal::ZERO {
        format!("+{shown}")
    } else {
        shown
    }
}

fn cell_text(c: &Option<Cell>, lang: Lang) -> String {
    match c {
        None => "–".into(),
        // A leaf nobody has scored yet is not a drop to 0.
        Some(c) if c.unscored > Decimal::ZERO && c.unscored == c.max => {
            let max = show_points(c.max, lang);
            Words(lang).t(
                format_args!("chưa chấm (/{max})"),
                format_args!("unscored (/{max})"),
            )
        }
        Some(c) => format!(
            "{}/{} ({}%){}",
            show_points(c.achieved, lang),
            show_points(c.max, lang),
            c.percent()
                .map(|p| show_percent(p, lang))
                .unwrap_or_else(|| "–".into()),
            if c.unscored > Decimal::ZERO {
                "†"
            } else {
                ""
            }
        ),
    }
}

/// A bonus or penalty cell: the points after the section's cap, beside the cap; nothing
/// for a year whose criteria have no such section.
fn adjustment_cell_text(c: &Option<Cell>, lang: Lang) -> String {
    let w = Words(lang);
    match c {
        None => String::new(),
        Some(c) => {
            let (points, max) = (w.points(c.achieved), w.points(c.max));
            w.t(
                format_args!("{points} (tối đa {max})"),
                format_args!("{points} (max {max})"),
            )
        }
    }
}

fn change_text(ch: &Change, lang: Lang) -> String {
    let pct = |d: Decimal| signed(d, format!("{}%", show_percent(d, lang)));
    match (ch.points, ch.percent) {
        (Some(p), Some(q)) => format!("{} ({})", signed(p, show_points(p, lang)), pct(q)),
        (None, Some(q)) => format!("{}*", pct(q)),
        _ => Words(lang)
            .pick("không so sánh được", "not comparable")
            .into(),
    }
}

fn label(r: &Row, lang: Lang) -> (String, String) {
    let w = Words(lang);
    let word = match r.level {
        Level::Total => w.pick("Tổng điểm (Chỉ số)", "Total (index)"),
        Level::Bonus => w.pick("Điểm thưởng (sau mức trần)", "Bonus (after its cap)"),
        Level::Penalty => w.pick("Điểm trừ (sau mức trần)", "Penalty (after its cap)"),
        _ => return (r.code.clone(), r.name.clone()),
    };
    (String::new(), word.into())
}

/// The distinct units of the years compared (one, unless `--several-units` let others in).
pub fn units_of(c: &Comparison) -> Vec<String> {
    crate::units::distinct(c.years.iter().map(|y| y.unit.as_str()))
}

/// What a heading names: the unit, or "Nhiều đơn vị: A, B" when the years are of several.
pub fn units_heading(units: &[String], lang: Lang) -> String {
    let w = Words(lang);
    match units {
        [one] => one.clone(),
        _ => {
            let all = units.join(", ");
            w.t(
                format_args!("Nhiều đơn vị: {all}"),
                format_args!("Several units: {all}"),
            )
        }
    }
}

pub fn table(c: &Comparison, lang: Lang, width: Width) -> String {
    let w = Words(lang);
    let units = units_of(c);
    let several = units.len() > 1;
    let unit = units_heading(&units, lang);
    let n = c.years.len();
    let mut out = w.t(
        format_args!("{unit} — so sánh {n} năm\n"),
        format_args!("{unit} — {n} years compared\n"),
    );
    for y in &c.years {
        let (year, criteria, as_of) = (y.year, &y.criteria_id, w.date(y.as_of));
        let of_unit = match several {
            true => format!(" — {}", y.unit),
            false => String::new(),
        };
        out.push_str(&match y.basis {
            Basis::Appraised => w.t(
                format_args!("  {year}: điểm thẩm định (bộ tiêu chí {criteria}){of_unit}\n"),
                format_args!("  {year}: appraised points (criteria {criteria}){of_unit}\n"),
            ),
            Basis::Projected => w.t(
                format_args!("  {year}: tự đánh giá + ĐTXHH dự kiến, tính đến {as_of} (bộ tiêu chí {criteria}){of_unit}\n"),
                format_args!("  {year}: self-assessed + projected survey, as of {as_of} (criteria {criteria}){of_unit}\n"),
            ),
        });
    }
    let mut header = vec![
        w.pick("Mã", "Code").to_string(),
        w.pick("Tên", "Name").to_string(),
    ];
    header.extend(c.years.iter().map(|y| y.year.to_string()));
    header.extend(
        c.years
            .windows(2)
            .map(|w| format!("{} → {}", w[0].year, w[1].year)),
    );
    let right: Vec<usize> = (2..header.len()).collect();
    let mut t = new_table(header, &right, width);
    let mut notes = Vec::new();
    for r in &c.rows {
        let (code, name) = label(r, lang);
        let mut row = vec![code, name];
        if r.is_adjustment() {
            row.extend(r.cells.iter().map(|x| adjustment_cell_text(x, lang)));
            row.extend(r.changes.iter().map(|ch| match ch.points {
                Some(p) => signed(p, show_points(p, lang)),
                None => String::new(),
            }));
        } else {
            row.extend(r.cells.iter().map(|x| cell_text(x, lang)));
            row.extend(r.changes.iter().map(|ch| change_text(ch, lang)));
        }
        for ch in &r.changes {
            if let Some(n) = notes_words(&ch.notes, lang) {
                let who = match r.level {
                    Level::Total => w.pick("Tổng", "Total"),
                    _ => r.code.as_str(),
                };
                notes.push(format!("  {who}, {} → {}: {n}", ch.from, ch.to));
            }
        }
        t.add_row(row);
    }
    out.push_str(&format!("{t}\n"));
    out.push_str(w.pick(
        "Thay đổi: điểm (điểm phần trăm); * điểm tối đa khác nhau giữa hai năm: chỉ so sánh theo %; † còn tiêu chí chưa chấm, tính là 0.\n",
        "Change: points (percentage points); * the maximum differs between the two years: percent only; † has unscored leaves, counted as 0.\n",
    ));
    if !notes.is_empty() {
        out.push_str(w.pick("Ghi chú:\n", "Notes:\n"));
        for n in notes {
            out.push_str(&n);
            out.push('\n');
        }
    }
    out
}

/// One row per node and year: `level,code,name,year,basis,codes,achieved,max,percent,
/// from_year,change_points,change_percent,comparable,note,unit`; `bonus` and `penalty` rows
/// (points after the cap, `max` the cap, no percent) only for the years that have them.
pub fn csv(c: &Comparison, lang: Lang) -> String {
    let mut w = CsvOut::new();
    w.row([
        "level",
        "code",
        "name",
        "year",
        "basis",
        "codes",
        "achieved",
        "max",
        "percent",
        "from_year",
        "change_points",
        "change_percent",
        "comparable",
        "note",
        "unit",
    ]);
    for r in &c.rows {
        for (j, y) in c.years.iter().enumerate() {
            let cell = &r.cells[j];
            if r.is_adjustment() && cell.is_none() {
                continue;
            }
            let ch = j.checked_sub(1).map(|i| &r.changes[i]);
            let opt = |d: Option<Decimal>| d.map(machine).unwrap_or_default();
            w.row([
                r.level.key().to_string(),
                r.code.clone(),
                r.name.clone(),
                y.year.to_string(),
                y.basis.key().to_string(),
                cell.as_ref().map(|x| x.codes.join(";")).unwrap_or_default(),
                opt(cell.as_ref().map(|x| x.achieved)),
                opt(cell.as_ref().map(|x| x.max)),
                opt(cell.as_ref().and_then(|x| r.percent(x))),
                ch.map(|x| x.from.to_string()).unwrap_or_default(),
                opt(ch.and_then(|x| x.points)),
                opt(ch.and_then(|x| x.percent)),
                ch.map(|x| x.comparable.to_string()).unwrap_or_default(),
                ch.and_then(|x| notes_words(&x.notes, lang))
                    .unwrap_or_default(),
                y.unit.clone(),
            ]);
        }
    }
    w.into_document()
}

pub fn json(c: &Comparison, lang: Lang) -> serde_json::Value {
    use serde_json::json;
    let years: Vec<_> = c
        .years
        .iter()
        .map(|y| json!({"year": y.year, "unit": y.unit, "criteria": y.criteria_id, "as_of": crate::value::iso_date(y.as_of), "basis": y.basis.key()}))
        .collect();
    let rows: Vec<_> = c
        .rows
        .iter()
        .map(|r| {
            let cells: Vec<_> = r
                .cells
                .iter()
                .zip(&c.years)
                .map(|(x, y)| {
                    x.as_ref().map(|x| json!({
                        "year": y.year, "codes": x.codes, "achieved": machine(x.achieved),
                        "max": machine(x.max), "percent": r.percent(x).map(machine),
                    }))
                })
                .collect();
            let changes: Vec<_> = r
                .changes
                .iter()
                .map(|ch| json!({
                    "from": ch.from, "to": ch.to, "points": ch.points.map(machine),
                    "percent": ch.percent.map(machine), "comparable": ch.comparable,
                    "note": notes_words(&ch.notes, lang),
                }))
                .collect();
            json!({"level": r.level.key(), "code": r.code, "name": r.name, "years": cells, "changes": changes})
        })
        .collect();
    let units = units_of(c);
    json!({"units": units, "several_units": units.len() > 1, "years": years, "rows": rows})
}
