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

pub mod account;
mod adjustments;
mod bands;
mod columns;
mod leaf;
mod rows;
pub mod rules;
mod segments;
mod shapes;
mod stated;
mod tokens;

use crate::diag::Diagnostic;
use crate::input::{fold, Row, Table};
use crate::text;
use account::{RowAccount, Verdict};
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
    /// Every row of the table and what became of it, in table order.
    pub rows: Vec<RowAccount>,
    /// The imported set as loaded back, to word each rule as `criteria show` does.
    pub criteria: Option<super::Criteria>,
}

/// What reading the rows gathers: problems, the count of manual leaves, the account.
#[derive(Default)]
pub(super) struct Out {
    pub diags: Vec<Diagnostic>,
    pub manual: usize,
    pub rows: Vec<RowAccount>,
}

/// The set's own fields, which the table does not carry.
pub struct Meta {
    pub id: String,
    pub title: String,
    pub year: i32,
    /// How the source is named in provenance (`official: <source>`).
    pub source: String,
}

/// A person's correction of one row, made where the import was unsure (the web app's
/// import page): a new maximum, a new wording of the rule, or both; the row is then read
/// again with them, its level rows (if any) replaced by the wording.
#[derive(Clone, Debug, Default)]
pub struct Fix {
    pub line: usize,
    pub max: Option<String>,
    pub wording: Option<String>,
}

impl Meta {
    /// The set's fields from the table's file name, where the user gave none: the name
    /// without its extension, "Bộ chỉ số nhập từ …", the year in the name (else `year`).
    pub fn from_file(file_name: &str, year: i32) -> Meta {
        let stem = file_name
            .rsplit_once('.')
            .map_or(file_name, |(s, _)| s)
            .to_string();
        let digits: Vec<char> = file_name.chars().collect();
        let named = digits.windows(4).find_map(|w| {
            let s: String = w.iter().collect();
            (s.starts_with("20") && s.chars().all(|c| c.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        });
        Meta {
            id: stem,
            title: format!("Bộ chỉ số nhập từ {file_name}"),
            year: named.unwrap_or(year),
            source: file_name.to_string(),
        }
    }
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
    /// The STT cell as written (a merged cell repeats it on the rows below).
    code_cell: String,
    /// Coded by an option letter ("a)") under the node above.
    letter: bool,
    /// Levels written as rows under this one: label, points as written, the row.
    levels: Vec<(String, String, Row)>,
    /// Corrected by a person when importing: what the table itself wrote.
    fixed_from: Option<String>,
}

pub fn import(table: &Table, meta: &Meta) -> Imported {
    import_fixed(table, meta, &[])
}

/// [`import`], with a person's corrections of some rows applied first.
pub fn import_fixed(table: &Table, meta: &Meta, fixes: &[Fix]) -> Imported {
    let mut out = Out {
        diags: table.row_problems.clone(),
        ..Out::default()
    };
    let Some((cols, body)) = Columns::find(table) else {
        out.diags.push(Diagnostic::error(
            &table.source,
            text!(
                vi: "không tìm thấy dòng tiêu đề của bảng tiêu chí: cần các cột STT (hoặc Mã), tên tiêu chí, \"Điểm tối đa\", \"Cách tính điểm\" (và có thể \"Tài liệu kiểm chứng\")",
                en: "no header row of a criteria table: the columns STT (or code), the criterion's name, \"Điểm tối đa\", \"Cách tính điểm\" (and optionally \"Tài liệu kiểm chứng\") are needed"
            ),
        ));
        return Imported {
            json: None,
            diagnostics: out.diags,
            manual: 0,
            rows: Vec::new(),
            criteria: None,
        };
    };
    let (mut nodes, mut sections) = rows::read_rows(table, &cols, &body, &mut out);
    let items = sections.iter_mut().flat_map(|s| s.items.iter_mut());
    for n in nodes.iter_mut().chain(items) {
        for f in fixes.iter().filter(|f| f.line == n.row.line) {
            let table_said = format!("{} | {}", cols.get(&n.row, cols.max), leaf::wording(n));
            n.fixed_from.get_or_insert(table_said);
            if let Some(m) = &f.max {
                n.max = crate::number::parse_decimal(m);
                if n.max.is_none() {
                    out.diags.push(
                        cols.problem(
                            table,
                            &n.row,
                            cols.max,
                            text!(
                                vi: "điểm tối đa sửa thành \"{m}\" không phải là số",
                                en: "the maximum corrected to \"{m}\" is not a number"
                            ),
                        )
                        .for_code(&n.code),
                    );
                }
            }
            if let Some(w) = &f.wording {
                n.rule = w.clone();
                n.levels.clear();
            }
        }
    }
    if nodes.is_empty() && sections.is_empty() {
        out.diags.push(Diagnostic::error(
            &table.source,
            text!(
                vi: "bảng không có dòng tiêu chí nào dưới dòng tiêu đề: không có gì để nhập",
                en: "the table has no criteria rows under its header: nothing to import"
            ),
        ));
    }
    let read = ReadTable {
        table,
        cols: &cols,
        meta,
    };
    let json = build(&read, &nodes, &sections, &mut out);
    out.diags.sort_by_key(|d| (d.line, d.column));
    out.rows.sort_by_key(|r| r.line);
    let criteria = json
        .as_ref()
        .and_then(|j| super::load_str(&crate::escape::json_pretty(j), &table.source).criteria);
    Imported {
        json,
        diagnostics: out.diags,
        manual: out.manual,
        rows: out.rows,
        criteria,
    }
}

/// The table being imported, its columns and the set's own fields.
struct ReadTable<'a> {
    table: &'a Table,
    cols: &'a Columns,
    meta: &'a Meta,
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
    out: &mut Out,
) -> Read {
    let diags = &mut out.diags;
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
        code_cell: String::new(),
        letter: false,
        levels: Vec::new(),
        fixed_from: None,
    }
}

/// The tree as JSON, its sums checked, then the whole file checked as `criteria check`
/// would; each problem located at the row the node came from.
fn build(
    read: &ReadTable,
    nodes: &[Read],
    sections: &[adjustments::Section],
    out: &mut Out,
) -> Option<Value> {
    let (table, cols, meta) = (read.table, read.cols, read.meta);
    let mut rows: HashMap<&str, &Read> = HashMap::new();
    let mut children: HashMap<String, Vec<usize>> = HashMap::new();
    let mut areas = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        if let Some(first) = rows.get(n.code.as_str()) {
            let line = first.row.line;
            let why = text!(
                vi: "mã {code} trùng với dòng {line}", en: "code {code} repeats row {line}", code = n.code
            );
            out.diags.push(
                cols.problem(table, &n.row, cols.code, why.clone())
                    .for_code(&n.code),
            );
            out.rows.push(account(read, n, Verdict::Skipped(why)));
            continue;
        }
        rows.insert(&n.code, n);
        match n.code.rsplit_once('.') {
            None => areas.push(i),
            Some((parent, _)) if rows.contains_key(parent) => {
                children.entry(parent.to_string()).or_default().push(i)
            }
            Some((parent, _)) => {
                let why = text!(
                    vi: "không có dòng của tiêu chí cha {parent} phía trên", en: "no row for its parent {parent} above it"
                );
                out.diags.push(
                    cols.problem(table, &n.row, cols.code, why.clone())
                        .for_code(&n.code),
                );
                out.rows.push(account(read, n, Verdict::Skipped(why)));
            }
        }
    }
    let area_json: Vec<Value> = areas
        .iter()
        .map(|i| node_json(*i, nodes, &children, read, out))
        .collect();
    let total: Decimal = areas.iter().filter_map(|i| nodes[*i].max).sum();
    let mut items = Vec::new();
    for section in sections {
        for item in &section.items {
            rows.insert(&item.code, item);
            items.push(adjustments::item_json(read, section.kind, item, out));
        }
    }
    if let Some(first) = sections.first() {
        out.diags.push(cols.problem(table, &first.row, cols.name, text!(
            vi: "bảng không nói chỉ số có được vượt 100 khi cộng điểm thưởng hay không: coi là không vượt (\"index_capped\": true); sửa tệp JSON nếu quy định cho phép vượt",
            en: "the table does not say whether bonus points may take the index above 100: assumed not (\"index_capped\": true); edit the JSON if the rules allow it"
        )).into_warning());
    }
    if out.diags.iter().any(Diagnostic::is_error) {
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
        out.diags.push(match at {
            Some(r) => cols
                .problem(table, &r.row, cols.rule.unwrap_or(cols.max), problem)
                .for_code(&r.code),
            None => Diagnostic::error(&table.source, problem),
        });
    }
    (!out.diags.iter().any(Diagnostic::is_error)).then_some(json)
}

fn node_json(
    i: usize,
    nodes: &[Read],
    children: &HashMap<String, Vec<usize>>,
    read: &ReadTable,
    out: &mut Out,
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
            out.diags.push(
                cols.problem(table, &n.row, cols.max, message)
                    .for_code(&n.code),
            );
        }
        if let Some((_, _, first)) = n.levels.first() {
            let why = text!(
                vi: "các dòng mức điểm nằm dưới một tiêu chí có tiêu chí con: bỏ qua",
                en: "level rows under a criterion that has rows below it: skipped"
            );
            out.diags.push(
                cols.problem(table, first, cols.name, why)
                    .for_code(&n.code)
                    .into_warning(),
            );
        }
        out.rows.push(account(read, n, Verdict::Parent));
        o.insert(
            "provenance".into(),
            json!(format!("official: {}", meta.source)),
        );
        let c: Vec<Value> = kids
            .iter()
            .map(|k| node_json(*k, nodes, children, read, out))
            .collect();
        o.insert("children".into(), Value::Array(c));
        return Value::Object(o);
    }
    leaf::leaf(&mut o, n, max, None, read, out);
    Value::Object(o)
}

/// A row's account line for a node or item as read.
fn account(read: &ReadTable, n: &Read, verdict: Verdict) -> RowAccount {
    let cols = read.cols;
    RowAccount {
        line: n.row.line,
        place: cols.place(read.table, &n.row, cols.rule.unwrap_or(cols.max)),
        code: Some(n.code.clone()),
        name: n.name.clone(),
        max: n.max,
        wording: leaf::wording(n),
        verdict,
    }
}

fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod roundtrip;
#[cfg(test)]
mod wording_tests;
