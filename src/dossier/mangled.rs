//! Codes that Excel changed on their way into a sheet. Typed into a General cell, `1.1.1`
//! becomes the date 1/1/2001 (shown `01/01/2001`, `1.1.2001`, or saved as its serial
//! `36892`), `1.1` becomes a number (`1,1` in a Vietnamese locale) and a code typed with a
//! leading apostrophe to stop all that may reach the CSV with the apostrophe. A code that is
//! not in the criteria set and has one of these shapes is reported with what it probably
//! was — the node whose name is on the same row, else the one code its digits can spell —
//! and with how to stop Excel doing it.

use crate::criteria::Criteria;
use crate::input::fold;
use crate::lang::Text;
use crate::text;
use crate::value::show_date;
use time::{Date, Month};

/// What Excel did to a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// Shown as a date: `01/01/2001`, `2001-01-01`.
    Date(Date),
    /// Saved as the date's serial number: `36892`.
    Serial(Date),
    /// A date shown with dots: `1.1.2001`.
    DottedDate(Date),
    /// Read as a number: `1,1`, `1.1000000000000001`.
    Number,
    /// The apostrophe that keeps text as text, saved with it: `'1.3.1`.
    Apostrophe,
}

/// The message for a code not in `criteria` that Excel probably changed, or `None` when
/// it has none of Excel's shapes. `name` is the row's `name` cell ("" when there is none).
pub fn explain(raw: &str, name: &str, criteria: &Criteria) -> Option<Text> {
    let form = form_of(raw)?;
    let by_name = (!name.trim().is_empty())
        .then(|| {
            let wanted = fold(name);
            criteria
                .nodes()
                .into_iter()
                .find(|n| fold(&n.name) == wanted)
        })
        .flatten()
        .map(|n| n.code.clone());
    // Only leaves are declared: a parent code the digits also spell is no better guess.
    let existing: Vec<&crate::criteria::Node> = candidates(raw, form)
        .iter()
        .filter_map(|c| criteria.find(c))
        .collect();
    let leaves = existing.iter().any(|n| n.is_leaf());
    let spelled: Vec<String> = existing
        .iter()
        .filter(|n| n.is_leaf() || !leaves)
        .map(|n| n.code.clone())
        .collect();
    let id = &criteria.id;
    let (what_vi, what_en) = match form {
        Form::Date(d) | Form::DottedDate(d) => {
            let d = show_date(d);
            (
                format!("Excel đã đọc mã thành ngày {d}"),
                format!("Excel read the code as the date {d}"),
            )
        }
        Form::Serial(d) => {
            let d = show_date(d);
            (
                format!("đây là số seri Excel của ngày {d}: Excel đã đọc mã thành ngày"),
                format!(
                    "this is Excel's serial number of the date {d}: Excel read the code as a date"
                ),
            )
        }
        Form::Number => (
            "Excel đã đọc mã thành số".to_string(),
            "Excel read the code as a number".to_string(),
        ),
        Form::Apostrophe => (
            "dấu ' ở đầu là dấu Excel dùng để giữ mã ở dạng văn bản, đã bị lưu vào ô".to_string(),
            "the leading ' is the mark Excel uses to keep a code as text, saved into the cell"
                .to_string(),
        ),
    };
    let (guess_vi, guess_en) = match (by_name, spelled.as_slice()) {
        (Some(code), _) => (
            format!("có thể là mã {code} (theo tên ở cột \"name\" của dòng này)"),
            format!("probably code {code} (by the name in this row's \"name\" column)"),
        ),
        (None, [one]) => (
            format!("có thể là mã {one}"),
            format!("probably code {one}"),
        ),
        (None, []) => (
            "không đoán được mã gốc".to_string(),
            "the original code cannot be told".to_string(),
        ),
        (None, many) => {
            let list = many.join(", ");
            (
                format!("có thể là một trong các mã {list}"),
                format!("probably one of the codes {list}"),
            )
        }
    };
    let (fix_vi, fix_en) = if form == Form::Apostrophe {
        (
            "xóa dấu ' ở đầu mã; trong Excel, định dạng cột \"code\" là \"Text\" thay vì gõ dấu '",
            "remove the leading '; in Excel, format the \"code\" column as \"Text\" instead of typing '",
        )
    } else {
        (
            "để Excel không đổi mã: định dạng cột \"code\" là \"Text\" trước khi nhập hoặc dán, hoặc dùng phiếu XLSX của parscore template --xlsx (mã lưu ở dạng văn bản)",
            "to stop Excel changing codes: format the \"code\" column as \"Text\" before typing or pasting, or use the XLSX sheet of parscore template --xlsx (codes are stored as text)",
        )
    };
    Some(text!(
        vi: "mã \"{raw}\" không có trong bộ tiêu chí {id}: {what_vi}; {guess_vi}; {fix_vi}",
        en: "code \"{raw}\" is not in the criteria set {id}: {what_en}; {guess_en}; {fix_en}"
    ))
}

fn form_of(raw: &str) -> Option<Form> {
    let s = raw.trim();
    if let Some(rest) = s.strip_prefix(['\'', '\u{2019}']) {
        return (!rest.trim().is_empty()).then_some(Form::Apostrophe);
    }
    let parts = |sep: char| -> Option<Vec<u32>> {
        let p: Option<Vec<u32>> = s.split(sep).map(|x| x.parse().ok()).collect();
        p.filter(|p| p.len() == 3)
    };
    if let Some(p) = parts('/').or_else(|| parts('-')) {
        let (d, m, y) = if p[0] > 31 {
            (p[2], p[1], p[0])
        } else {
            (p[0], p[1], p[2])
        };
        return date(d, m, y).map(Form::Date);
    }
    if let Some(p) = parts('.') {
        if p[2] >= 1900 && s.rsplit('.').next().is_some_and(|y| y.len() == 4) {
            return date(p[0], p[1], p[2]).map(Form::DottedDate);
        }
    }
    if s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit()) {
        let serial: i64 = s.parse().ok()?;
        let epoch = Date::from_calendar_date(1899, Month::December, 30).ok()?;
        return epoch
            .checked_add(time::Duration::days(serial))
            .map(Form::Serial);
    }
    let number = |t: &str| {
        let mut halves = t.splitn(2, ['.', ',']);
        let (a, b) = (halves.next()?, halves.next()?);
        (!a.is_empty() && !b.is_empty() && (a.bytes().chain(b.bytes())).all(|c| c.is_ascii_digit()))
            .then_some(())
    };
    if number(s).is_some() && (s.contains(',') || s.len() > 8) {
        return Some(Form::Number);
    }
    None
}

fn date(d: u32, m: u32, y: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()
}

/// The codes whose digits Excel could have turned into `raw`: `d.m.yy` (`1.1.1` is 1/1/2001),
/// `d.m` and `m.d` (a two-part code takes the current year), the same day-first and
/// month-first; a number with its decimal comma or float tail undone.
fn candidates(raw: &str, form: Form) -> Vec<String> {
    let mut out = Vec::new();
    match form {
        Form::Date(d) | Form::Serial(d) | Form::DottedDate(d) => {
            let (day, month, year) = (d.day(), u8::from(d.month()), d.year());
            if (2001..=2099).contains(&year) {
                let yy = year - 2000;
                out.push(format!("{day}.{month}.{yy}"));
                out.push(format!("{month}.{day}.{yy}"));
            }
            out.push(format!("{day}.{month}"));
            out.push(format!("{month}.{day}"));
        }
        Form::Number => {
            let s = raw.trim().replace(',', ".");
            out.push(s.clone());
            if let Ok(f) = s.parse::<f64>() {
                out.push(format!("{f}"));
            }
        }
        Form::Apostrophe => out.push(
            raw.trim()
                .trim_start_matches(['\'', '\u{2019}'])
                .trim()
                .to_string(),
        ),
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert(c.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_excel_leaves_on_codes() {
        assert!(matches!(form_of("01/01/2001"), Some(Form::Date(_))));
        assert!(matches!(form_of("2001-01-01"), Some(Form::Date(_))));
        assert!(matches!(form_of("1.1.2001"), Some(Form::DottedDate(_))));
        assert!(matches!(form_of("44927"), Some(Form::Serial(_))));
        assert_eq!(form_of("'1.3.1"), Some(Form::Apostrophe));
        assert_eq!(form_of("1,1"), Some(Form::Number));
        assert_eq!(form_of("1.1000000000000001"), Some(Form::Number));
        assert_eq!(form_of("9.9.9"), None);
        assert_eq!(form_of("1.1"), None);
        assert_eq!(form_of("abc"), None);
    }

    #[test]
    fn a_date_spells_the_codes_it_could_have_been() {
        let d = date(1, 3, 2001).unwrap();
        assert_eq!(
            candidates("01/03/2001", Form::Date(d)),
            ["1.3.1", "3.1.1", "1.3", "3.1"]
        );
        let serial = form_of("44927").unwrap();
        assert_eq!(serial, Form::Serial(date(1, 1, 2023).unwrap()));
    }
}
