//! The table's rows read into nodes with full dotted codes, bonus and penalty sections
//! with their items, and an account of every row. Real annexes number their rows `I`,
//! `II` (areas), `1`, `1.1`, "Tiêu chí 1", "Chỉ tiêu 1", "1." or `a)`, write a leaf's
//! levels as rows under it (Cà Mau 2013: no rule column, each level's points in the
//! maximum or a points column, the STT cell often merged down), and put a row of column
//! numbers "1 | 2 | 3 | 4 | 5" under the heading; all of these are read here.

use super::account::{RowAccount, Verdict};
use super::adjustments::{self, Title};
use super::columns::Columns;
use super::{Out, Read};
use crate::input::{fold, Row, Table};
use crate::number::parse_decimal;
use crate::text;

/// Where the rows being read belong.
enum Place {
    Areas,
    /// Under a heading over both bonus and penalty, before either section's own row.
    Both,
    /// Items of the last bonus or penalty section.
    Section,
}

/// The rows as nodes and sections; headings, totals and level rows aside.
pub(super) fn read_rows(
    table: &Table,
    cols: &Columns,
    body: &[Row],
    out: &mut Out,
) -> (Vec<Read>, Vec<adjustments::Section>) {
    let roman_areas = body.iter().any(|r| roman(&code_cell(cols, r)).is_some());
    let local = is_local(body, cols);
    let mut area: Option<String> = None;
    let mut place = Place::Areas;
    let mut sections: Vec<adjustments::Section> = Vec::new();
    let mut nodes: Vec<Read> = Vec::new();
    // The last node read in the areas, which a level row or a lettered row belongs to.
    let mut last: Option<usize> = None;
    for row in body {
        let raw = code_cell(cols, row);
        let name = cols.get(row, cols.name).to_string();
        let folded = fold(&name);
        let account = |verdict: Verdict, code: Option<String>| RowAccount {
            line: row.line,
            place: cols.place(table, row, cols.name),
            code,
            name: name.clone(),
            max: parse_decimal(cols.get(row, cols.max)),
            wording: cols
                .rule
                .map(|c| cols.get(row, c).to_string())
                .unwrap_or_default(),
            verdict,
        };
        if column_numbers(row) {
            out.rows.push(account(
                Verdict::Skipped(text!(
                    vi: "dòng đánh số cột (1, 2, 3…) dưới dòng tiêu đề: bỏ qua",
                    en: "a row of column numbers (1, 2, 3…) under the header: skipped"
                )),
                None,
            ));
            continue;
        }
        match adjustments::title(&name, &raw) {
            Some(Title::Both) => {
                place = Place::Both;
                out.rows.push(account(Verdict::Heading, None));
                continue;
            }
            Some(Title::Section(kind)) => {
                place = Place::Section;
                sections.push(adjustments::Section {
                    kind,
                    max: adjustments::max_of(cols.get(row, cols.max)),
                    row: row.clone(),
                    items: Vec::new(),
                });
                out.rows.push(account(Verdict::Heading, None));
                continue;
            }
            Some(Title::Item(kind, rest)) => {
                // "9.1 Điểm thưởng: Đơn vị có sáng kiến…": an item that names its kind.
                if !matches!(place, Place::Section)
                    || sections.last().is_some_and(|s| s.kind != kind)
                {
                    sections.push(adjustments::Section {
                        kind,
                        max: None,
                        row: row.clone(),
                        items: Vec::new(),
                    });
                }
                place = Place::Section;
                let code = adjustments::item_code(kind, &sections);
                let item = super::read_one(table, cols, row, code, rest, &adjustments::max_of, out);
                if let Some(section) = sections.last_mut() {
                    section.items.push(item);
                }
                continue;
            }
            None => {}
        }
        let total_row = folded.starts_with("tổng") || folded.starts_with("cộng");
        if !matches!(place, Place::Areas) && roman(&raw).is_none() {
            if total_row || name.is_empty() {
                out.rows.push(account(Verdict::Heading, None));
                continue;
            }
            let Some(kind) = sections
                .last()
                .filter(|_| matches!(place, Place::Section))
                .map(|x| x.kind)
            else {
                let why = text!(
                    vi: "dòng \"{name}\" nằm dưới phần điểm thưởng, điểm trừ chung, chưa biết là điểm thưởng hay điểm trừ: bỏ qua; thêm dòng \"Điểm thưởng\" hoặc \"Điểm trừ\" phía trên",
                    en: "the row \"{name}\" is under a heading over both bonus and penalty points, so it is neither: skipped; add a row \"Điểm thưởng\" or \"Điểm trừ\" above it"
                );
                out.diags.push(
                    cols.problem(table, row, cols.name, why.clone())
                        .into_warning(),
                );
                out.rows.push(account(Verdict::Skipped(why), None));
                continue;
            };
            let code = adjustments::item_code(kind, &sections);
            let item = super::read_one(table, cols, row, code, name, &adjustments::max_of, out);
            if let Some(section) = sections.last_mut() {
                section.items.push(item);
            }
            continue;
        }
        let rule_text = cols.rule.map(|c| cols.get(row, c)).unwrap_or("").trim();
        let letter = letter_code(&raw);
        // A level of the leaf above: no code of its own (or the leaf's, merged down, or an
        // option letter), a label, its points, no rule.
        let repeated = last.is_some_and(|i| nodes[i].code_cell == raw && nodes[i].name != name);
        let unnumbered = raw.is_empty() || matches!(raw.as_str(), "-" | "+" | "•");
        if let Some(i) = last.filter(|_| {
            (unnumbered || repeated || letter.is_some()) && rule_text.is_empty() && !name.is_empty()
        }) {
            if let Some(points) = level_points(cols, row) {
                let label = strip_option(&name);
                nodes[i].levels.push((label, points, row.clone()));
                let code = nodes[i].code.clone();
                out.rows.push(account(Verdict::LevelOf(code), None));
                continue;
            }
        }
        let code = if let Some(n) = roman(&raw) {
            place = Place::Areas;
            area = Some(n.to_string());
            n.to_string()
        } else if is_dotted(&raw) {
            match (&area, roman_areas) {
                (Some(a), true) if local || !raw.starts_with(&format!("{a}.")) => {
                    format!("{a}.{raw}")
                }
                _ => raw.clone(),
            }
        } else if let (Some(n), Some(i)) = (letter, last) {
            // "a)", "b)" with a rule of their own: parts of the node above.
            let parent = nodes[i]
                .code
                .rsplit_once('.')
                .filter(|_| nodes[i].letter)
                .map_or(nodes[i].code.clone(), |(p, _)| p.to_string());
            format!("{parent}.{n}")
        } else {
            if (raw.is_empty() && name.is_empty()) || total_row {
                out.rows.push(account(Verdict::Heading, None));
                continue;
            }
            let why = text!(
                vi: "dòng không có STT dạng số La Mã (I, II…) hay mã số (1, 1.2, 1.2.3): bỏ qua",
                en: "the row has no STT as a Roman numeral (I, II…) or a number (1, 1.2, 1.2.3): skipped"
            );
            out.diags.push(
                cols.problem(table, row, cols.code, why.clone())
                    .into_warning(),
            );
            out.rows.push(account(Verdict::Skipped(why), None));
            continue;
        };
        let mut read = super::read_one(table, cols, row, code, name.clone(), &parse_decimal, out);
        read.code_cell = raw.clone();
        read.letter = letter.is_some() && roman(&raw).is_none() && !is_dotted(&raw);
        nodes.push(read);
        last = Some(nodes.len() - 1);
    }
    (nodes, sections)
}

/// A row of column numbers under the header: "1 | 2 | 3 | 4 | 5" or "(1) | (2) | …".
fn column_numbers(row: &Row) -> bool {
    let cells: Vec<&str> = row
        .cells
        .iter()
        .map(|c| c.trim().trim_start_matches('(').trim_end_matches(')'))
        .filter(|c| !c.is_empty())
        .collect();
    cells.len() >= 3
        && cells
            .iter()
            .enumerate()
            .all(|(i, c)| c.parse::<usize>().ok() == Some(i + 1))
}

/// A level row's points: the points column where the table has one, else the maximum's.
fn level_points(cols: &Columns, row: &Row) -> Option<String> {
    let cell = cols.get(row, cols.points.unwrap_or(cols.max)).trim();
    let t = fold(cell);
    let number = t
        .strip_suffix("điểm")
        .or_else(|| t.strip_suffix('đ'))
        .unwrap_or(&t)
        .trim();
    parse_decimal(number).map(|_| cell.to_string())
}

/// An option letter at the start of a label ("a) Ban hành kịp thời", "- Không") removed.
fn strip_option(label: &str) -> String {
    let t = label.trim();
    let t = t.trim_start_matches(['-', '+', '•']).trim_start();
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some(')' | '.'))
            if c.is_alphabetic() && t[c.len_utf8() + 1..].starts_with(' ') =>
        {
            t[c.len_utf8() + 1..].trim().to_string()
        }
        _ => t.to_string(),
    }
}

/// "a)", "b.", "c" as 1, 2, 3.
fn letter_code(raw: &str) -> Option<u32> {
    let t = raw.trim_end_matches([')', '.']);
    let mut chars = t.chars();
    let c = chars.next()?;
    if chars.next().is_some() || !c.is_ascii_lowercase() || roman(&c.to_string()).is_some() {
        return None;
    }
    Some(c as u32 - 'a' as u32 + 1)
}

/// Whether criteria under Roman areas are numbered within their area (`1`, then `1.1`).
fn is_local(body: &[Row], cols: &Columns) -> bool {
    body.iter().any(|r| {
        let c = code_cell(cols, r);
        !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The STT cell as a code: "Tiêu chí 1", "Chỉ tiêu 2.1", "1." and "Lĩnh vực I" lose their
/// words and dots.
pub(super) fn code_cell(cols: &Columns, row: &Row) -> String {
    let cell = cols.get(row, cols.code).trim();
    let folded = fold(cell);
    let mut t = cell;
    for prefix in [
        "tiêu chí thành phần",
        "tiêu chí",
        "chỉ tiêu",
        "lĩnh vực",
        "nội dung",
        "phần",
    ] {
        if folded.starts_with(prefix) && folded[prefix.len()..].starts_with(' ') {
            let skip = cell
                .char_indices()
                .nth(prefix.chars().count())
                .map_or(cell.len(), |(i, _)| i);
            t = cell[skip..].trim();
            break;
        }
    }
    t.trim_end_matches([':', '.']).trim().to_string()
}

fn is_dotted(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `I` … `XX` as a number.
pub(super) fn roman(s: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let digits: Vec<u32> = s.chars().map(value).collect::<Option<_>>()?;
    if digits.is_empty() {
        return None;
    }
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|n| n > d) {
            total -= *d as i64;
        } else {
            total += *d as i64;
        }
    }
    u32::try_from(total).ok().filter(|n| *n > 0)
}
