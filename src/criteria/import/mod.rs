//! `criteria import`: a criteria table as provinces publish it — the annex of a decision,
//! in Word, Excel or CSV — turned into a `parscore-criteria/1` file. The table has columns
//! for STT or code, name, maximum points, "Cách tính điểm" and "Tài liệu kiểm chứng"; area
//! rows numbered in Roman numerals (`I`, `II`; criteria below them then numbered `1`, `2`
//! and components `1.1`) or every row with its full dotted code. The wording of each rule
//! is read by [`rules`]; what it cannot read becomes a manual rule with the words kept,
//! and is listed. Every problem is located by the table's row and cell, and the result is
//! checked as `criteria check` would check it before anything is written. Bonus and
//! penalty sections ("Điểm thưởng", "Điểm trừ") become the `adjustments` section
//! ([`adjustments`]).

mod adjustments;
mod columns;
mod leaf;
mod rules;

use crate::diag::Diagnostic;
use crate::input::{fold, Row, Table};
use crate::number::parse_decimal;
use crate::text;
use columns::Columns;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// What the import produced: the criteria file's JSON (when nothing stopped it), the
/// problems (errors stop the import; warnings list manual rules and skipped rows), and
/// the leaves whose rule could not be read.
pub struct Imported {
    pub json: Option<Value>,
    pub diagnostics: Vec<Diagnostic>,
    pub manual: usize,
}

/// The set's own fields, which the table does not carry.
pub struct Meta {
    pub id: String,
    pub title: String,
    pub year: i32,
    /// How the source is named in provenance (`official: <source>`).
    pub source: String,
}

/// One node (or bonus or penalty item) as read, with the row it came from.
struct Read {
    code: String,
    name: String,
    max: Option<Decimal>,
    rule: String,
    evidence: String,
    survey: bool,
    row: Row,
}

pub fn import(table: &Table, meta: &Meta) -> Imported {
    let mut diags = Vec::new();
    let Some((cols, body)) = Columns::find(table) else {
        diags.push(Diagnostic::error(
            &table.source,
            text!(
                vi: "không tìm thấy dòng tiêu đề của bảng tiêu chí: cần các cột STT (hoặc Mã), tên tiêu chí, \"Điểm tối đa\", \"Cách tính điểm\" (và có thể \"Tài liệu kiểm chứng\")",
                en: "no header row of a criteria table: the columns STT (or code), the criterion's name, \"Điểm tối đa\", \"Cách tính điểm\" (and optionally \"Tài liệu kiểm chứng\") are needed"
            ),
        ));
        return Imported {
            json: None,
            diagnostics: diags,
            manual: 0,
        };
    };
    let (nodes, sections) = read_rows(table, &cols, &body, &mut diags);
    let mut manual = 0;
    let read = ReadTable {
        table,
        cols: &cols,
        meta,
    };
    let json = build(&read, &nodes, &sections, &mut diags, &mut manual);
    diags.sort_by_key(|d| (d.line, d.column));
    Imported {
        json,
        diagnostics: diags,
        manual,
    }
}

/// Where the rows being read belong.
enum Place {
    Areas,
    /// Under a heading over both bonus and penalty, before either section's own row.
    Both,
    /// Items of the last bonus or penalty section.
    Section,
}

/// The table being imported, its columns and the set's own fields.
struct ReadTable<'a> {
    table: &'a Table,
    cols: &'a Columns,
    meta: &'a Meta,
}

/// The rows as nodes with full dotted codes, and the bonus and penalty sections with their
/// items; headings and totals aside.
fn read_rows(
    table: &Table,
    cols: &Columns,
    body: &[Row],
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Read>, Vec<adjustments::Section>) {
    let roman_areas = body.iter().any(|r| roman(&code_cell(cols, r)).is_some());
    let local = is_local(body, cols);
    let mut area: Option<String> = None;
    let mut place = Place::Areas;
    let mut sections: Vec<adjustments::Section> = Vec::new();
    let mut out = Vec::new();
    for row in body {
        let raw = code_cell(cols, row);
        let name = cols.get(row, cols.name).to_string();
        let folded = fold(&name);
        match adjustments::title(&name, &raw) {
            Some(adjustments::Title::Both) => {
                place = Place::Both;
                continue;
            }
            Some(adjustments::Title::Section(kind)) => {
                place = Place::Section;
                sections.push(adjustments::Section {
                    kind,
                    max: adjustments::max_of(cols.get(row, cols.max)),
                    row: row.clone(),
                    items: Vec::new(),
                });
                continue;
            }
            None => {}
        }
        let total_row = folded.starts_with("tổng") || folded.starts_with("cộng");
        if !matches!(place, Place::Areas) && roman(&raw).is_none() {
            if total_row || name.is_empty() {
                continue;
            }
            let Some(kind) = sections
                .last()
                .filter(|_| matches!(place, Place::Section))
                .map(|x| x.kind)
            else {
                diags.push(cols.problem(table, row, cols.name, text!(
                    vi: "dòng \"{name}\" nằm dưới phần điểm thưởng, điểm trừ chung, chưa biết là điểm thưởng hay điểm trừ: bỏ qua; thêm dòng \"Điểm thưởng\" hoặc \"Điểm trừ\" phía trên",
                    en: "the row \"{name}\" is under a heading over both bonus and penalty points, so it is neither: skipped; add a row \"Điểm thưởng\" or \"Điểm trừ\" above it"
                )).into_warning());
                continue;
            };
            let code = adjustments::item_code(kind, &sections);
            let item = read_one(table, cols, row, code, name, &adjustments::max_of, diags);
            if let Some(section) = sections.last_mut() {
                section.items.push(item);
            }
            continue;
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
        } else {
            if (raw.is_empty() && name.is_empty()) || total_row {
                continue;
            }
            diags.push(cols.problem(table, row, cols.code, text!(
                vi: "dòng không có STT dạng số La Mã (I, II…) hay mã số (1, 1.2, 1.2.3): bỏ qua",
                en: "the row has no STT as a Roman numeral (I, II…) or a number (1, 1.2, 1.2.3): skipped"
            )).into_warning());
            continue;
        };
        out.push(read_one(
            table,
            cols,
            row,
            code,
            name,
            &parse_decimal,
            diags,
        ));
    }
    (out, sections)
}

/// A node's or item's row read: its maximum (an error when it is not a number), its rule's
/// and evidence's words, whether the survey scores it.
fn read_one(
    table: &Table,
    cols: &Columns,
    row: &Row,
    code: String,
    name: String,
    parse_max: &dyn Fn(&str) -> Option<Decimal>,
    diags: &mut Vec<Diagnostic>,
) -> Read {
    let max_text = cols.get(row, cols.max);
    let max = parse_max(max_text);
    if max.is_none() {
        diags.push(
            cols.problem(
                table,
                row,
                cols.max,
                text!(
                    vi: "điểm tối đa \"{max_text}\" không phải là số",
                    en: "the maximum \"{max_text}\" is not a number"
                ),
            )
            .for_code(&code),
        );
    }
    let rule = cols
        .rule
        .map(|c| cols.get(row, c).to_string())
        .unwrap_or_default();
    let survey = [&fold(&name), &fold(&rule)]
        .iter()
        .any(|t| t.contains("điều tra xã hội học") || t.contains("đtxhh"));
    Read {
        code,
        name,
        max,
        rule,
        evidence: cols
            .evidence
            .map(|c| cols.get(row, c).to_string())
            .unwrap_or_default(),
        survey,
        row: row.clone(),
    }
}

/// Whether criteria under Roman areas are numbered within their area (`1`, then `1.1`).
fn is_local(body: &[Row], cols: &Columns) -> bool {
    body.iter().any(|r| {
        let c = code_cell(cols, r);
        !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit())
    })
}

fn code_cell(cols: &Columns, row: &Row) -> String {
    cols.get(row, cols.code)
        .trim()
        .trim_end_matches('.')
        .trim()
        .to_string()
}

fn is_dotted(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `I` … `XX` as a number.
fn roman(s: &str) -> Option<u32> {
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

/// The tree as JSON, its sums checked, then the whole file checked as `criteria check`
/// would; each problem located at the row the node came from.
fn build(
    read: &ReadTable,
    nodes: &[Read],
    sections: &[adjustments::Section],
    diags: &mut Vec<Diagnostic>,
    manual: &mut usize,
) -> Option<Value> {
    let (table, cols, meta) = (read.table, read.cols, read.meta);
    let mut rows: HashMap<&str, &Read> = HashMap::new();
    let mut children: HashMap<String, Vec<usize>> = HashMap::new();
    let mut areas = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        if let Some(first) = rows.get(n.code.as_str()) {
            let line = first.row.line;
            diags.push(cols.problem(table, &n.row, cols.code, text!(
                vi: "mã {code} trùng với dòng {line}", en: "code {code} repeats row {line}", code = n.code
            )).for_code(&n.code));
            continue;
        }
        rows.insert(&n.code, n);
        match n.code.rsplit_once('.') {
            None => areas.push(i),
            Some((parent, _)) if rows.contains_key(parent) => children.entry(parent.to_string()).or_default().push(i),
            Some((parent, _)) => diags.push(cols.problem(table, &n.row, cols.code, text!(
                vi: "không có dòng của tiêu chí cha {parent} phía trên", en: "no row for its parent {parent} above it"
            )).for_code(&n.code)),
        }
    }
    let node = |i: usize, diags: &mut Vec<Diagnostic>, manual: &mut usize| {
        node_json(i, nodes, &children, read, diags, manual)
    };
    let area_json: Vec<Value> = areas.iter().map(|i| node(*i, diags, manual)).collect();
    let total: Decimal = areas.iter().filter_map(|i| nodes[*i].max).sum();
    let mut items = Vec::new();
    for section in sections {
        for item in &section.items {
            rows.insert(&item.code, item);
            items.push(adjustments::item_json(
                read,
                section.kind,
                item,
                diags,
                manual,
            ));
        }
    }
    if let Some(first) = sections.first() {
        diags.push(cols.problem(table, &first.row, cols.name, text!(
            vi: "bảng không nói chỉ số có được vượt 100 khi cộng điểm thưởng hay không: coi là không vượt (\"index_capped\": true); sửa tệp JSON nếu quy định cho phép vượt",
            en: "the table does not say whether bonus points may take the index above 100: assumed not (\"index_capped\": true); edit the JSON if the rules allow it"
        )).into_warning());
    }
    if diags.iter().any(Diagnostic::is_error) {
        return None;
    }
    let mut json = json!({
        "format": super::FORMAT,
        "id": meta.id,
        "title": meta.title,
        "year": meta.year,
        "total": plain(total),
        "note": format!("Nhập từ {} bằng parscore criteria import; các tiêu chí \"manual\" giữ nguyên văn cách tính điểm trong \"provenance\".", meta.source),
        "areas": area_json,
    });
    if !sections.is_empty() {
        json["adjustments"] = adjustments::section_json(sections, items);
    }
    let loaded = super::load_str(&crate::escape::json_pretty(&json), &table.source);
    for d in loaded.diagnostics.into_iter().filter(Diagnostic::is_error) {
        let why = d.message.clone();
        let (vi, en) = (why.vi, why.en);
        let at = d.code.as_deref().and_then(|c| rows.get(c));
        let problem = text!(
            vi: "bảng nhập được nhưng không qua criteria check: {vi}",
            en: "the table was read but does not pass criteria check: {en}"
        );
        diags.push(match at {
            Some(r) => cols
                .problem(table, &r.row, cols.rule.unwrap_or(cols.max), problem)
                .for_code(&r.code),
            None => Diagnostic::error(&table.source, problem),
        });
    }
    (!diags.iter().any(Diagnostic::is_error)).then_some(json)
}

fn node_json(
    i: usize,
    nodes: &[Read],
    children: &HashMap<String, Vec<usize>>,
    read: &ReadTable,
    diags: &mut Vec<Diagnostic>,
    manual: &mut usize,
) -> Value {
    let (table, cols, meta) = (read.table, read.cols, read.meta);
    let n = &nodes[i];
    let max = n.max.unwrap_or_default();
    let mut o = Map::new();
    o.insert("code".into(), json!(n.code));
    o.insert("name".into(), json!(n.name));
    o.insert("max".into(), json!(plain(max)));
    if n.survey
        && n.code
            .rsplit_once('.')
            .is_none_or(|(p, _)| !nodes.iter().any(|x| x.code == p && x.survey))
    {
        o.insert("method".into(), json!("survey"));
    }
    let kids = children.get(&n.code).cloned().unwrap_or_default();
    if !kids.is_empty() {
        let sum: Decimal = kids.iter().filter_map(|k| nodes[*k].max).sum();
        if n.max.is_some() && kids.iter().all(|k| nodes[*k].max.is_some()) && sum != max {
            let show = |d, lang| crate::number::show_points(d, lang);
            let (vi, en) = (crate::lang::Lang::Vi, crate::lang::Lang::En);
            let message = crate::lang::Text::new(
                format!(
                    "điểm tối đa {} nhưng các dòng con cộng lại {}",
                    show(max, vi),
                    show(sum, vi)
                ),
                format!(
                    "the maximum is {} but its rows below add up to {}",
                    show(max, en),
                    show(sum, en)
                ),
            );
            diags.push(
                cols.problem(table, &n.row, cols.max, message)
                    .for_code(&n.code),
            );
        }
        o.insert(
            "provenance".into(),
            json!(format!("official: {}", meta.source)),
        );
        let c: Vec<Value> = kids
            .iter()
            .map(|k| node_json(*k, nodes, children, read, diags, manual))
            .collect();
        o.insert("children".into(), Value::Array(c));
        return Value::Object(o);
    }
    leaf::leaf(
        &mut o,
        n,
        max,
        rules::parse(&n.rule, max),
        read,
        diags,
        manual,
    );
    Value::Object(o)
}

fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}
