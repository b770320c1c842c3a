//! The blank score sheet as an Excel workbook (`parscore template … --xlsx`): every node
//! of the criteria set on its own row — areas and criteria bold, with subtotal formulas
//! over the maximum and points columns — and for each leaf its code (stored as text, so
//! Excel cannot turn `1.1.1` into a date), name, maximum, rule in words and required
//! evidence, all locked; only the declared figure, the points a person may work out by
//! hand and the note are open, the figure with a drop-down of the rule's levels or a check
//! of its range. `score` reads it back when saved as `scores.xlsx` in the dossier.

use super::template::leaf_texts;
use super::words::Words;
use super::xlsx::{child_rows, number, rows_of, sum_of, Formats};
use crate::criteria::{Criteria, Node, RuleKind};
use crate::lang::Lang;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Formula, ProtectionOptions,
    Workbook, Worksheet, XlsxError,
};

/// The sheet's name, which problems in it are located by (`'Phiếu chấm'!F14`).
pub const SHEET: &str = "Phiếu chấm";
/// The hidden sheet holding each leaf's level labels for its drop-down.
const LISTS: &str = "Mức";

/// Columns: `code, name, max, rule, required_evidence, value, points, note` — the header
/// names `score` reads, as in the CSV template, under a row of Vietnamese captions.
const COLUMNS: [&str; 8] = [
    "code",
    "name",
    "max",
    "rule",
    "required_evidence",
    "value",
    "points",
    "note",
];
const CODE: u16 = 0;
const NAME: u16 = 1;
const MAX: u16 = 2;
const RULE: u16 = 3;
const EVIDENCE: u16 = 4;
const VALUE: u16 = 5;
const POINTS: u16 = 6;
const NOTE: u16 = 7;
const WIDTHS: [f64; 8] = [9.0, 46.0, 9.0, 48.0, 36.0, 20.0, 10.0, 28.0];
/// The first row of nodes (from 0): a title, a line of help, captions, names.
const FIRST: u32 = 4;

pub fn workbook(c: &Criteria, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let w = Words(lang);
    let f = Formats::new();
    let mut book = Workbook::new();
    let nodes = c.nodes();
    let rows = rows_of(&nodes, FIRST);
    let mut lists: Vec<Vec<String>> = Vec::new();
    {
        let ws = book.add_worksheet();
        ws.set_name(SHEET)?;
        header(ws, c, &f, w)?;
        for (i, n) in nodes.iter().enumerate() {
            let row = rows[i];
            if n.is_leaf() {
                leaf(ws, n, row, &f, lang, &mut lists)?;
            } else {
                parent(ws, n, row, &child_rows(n, &nodes, &rows), &f)?;
            }
        }
        let total = FIRST + nodes.len() as u32;
        let areas: Vec<u32> = c
            .areas
            .iter()
            .filter_map(|a| nodes.iter().position(|n| std::ptr::eq(*n, a)))
            .map(|i| rows[i])
            .collect();
        ws.write_string_with_format(total, CODE, "", &f.parent_code)?;
        ws.write_string_with_format(total, NAME, w.pick("Tổng cộng", "Total"), &f.parent_text)?;
        ws.write_formula_with_format(total, MAX, sum_of(&areas, MAX, c.total), &f.parent_points)?;
        ws.write_formula_with_format(
            total,
            POINTS,
            sum_of(&areas, POINTS, Decimal::ZERO),
            &f.parent_points,
        )?;
        for col in [RULE, EVIDENCE, VALUE, NOTE] {
            ws.write_string_with_format(total, col, "", &f.parent_text)?;
        }
        ws.set_freeze_panes(FIRST, 2)?;
        ws.set_repeat_rows(2, 3)?;
        ws.set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0);
        ws.protect_with_options(&ProtectionOptions {
            format_columns: true,
            format_rows: true,
            ..ProtectionOptions::default()
        });
    }
    if !lists.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name(LISTS)?;
        for (r, labels) in lists.iter().enumerate() {
            for (col, label) in labels.iter().enumerate() {
                ws.write_string(r as u32, col as u16, label)?;
            }
        }
        ws.set_hidden(true);
        ws.protect();
    }
    super::xlsx::bytes(book)
}

fn header(ws: &mut Worksheet, c: &Criteria, f: &Formats, w: Words) -> Result<(), XlsxError> {
    for (col, width) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    let set = &c.title;
    let title = w.t(
        format_args!("PHIẾU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM — {set}"),
        format_args!("SELF-ASSESSMENT SCORE SHEET — {set}"),
    );
    ws.merge_range(0, CODE, 0, NOTE, &title, &f.title)?;
    let help = w.pick(
        "Điền cột \"Số liệu kê khai\" (nhãn mức, tỷ lệ 92,5 hoặc 45/48, số trường hợp, ngày 15/01/2026, hoặc \"Không áp dụng\" kèm ghi chú) và \"Ghi chú\"; lưu thành scores.xlsx trong thư mục hồ sơ rồi chạy parscore score. Mã ở cột A là văn bản: đừng gõ lại.",
        "Fill in \"Declared figure\" (a level's label, a rate 92.5 or 45/48, a count, a date 15/01/2026, or \"Không áp dụng\" with a note) and \"Note\"; save as scores.xlsx in the dossier folder and run parscore score. The codes in column A are text: do not retype them.",
    );
    ws.merge_range(1, CODE, 1, NOTE, help, &f.note)?;
    ws.set_row_height(1, 30)?;
    let captions: [&str; 8] = [
        w.pick("Mã", "Code"),
        w.pick("Tiêu chí", "Criterion"),
        w.pick("Điểm tối đa", "Maximum"),
        w.pick("Cách tính điểm", "Scoring rule"),
        w.pick("Tài liệu kiểm chứng", "Evidence required"),
        w.pick("Số liệu kê khai", "Declared figure"),
        w.pick("Điểm tự chấm", "Points (by hand)"),
        w.pick("Ghi chú / giải trình", "Note / explanation"),
    ];
    for (col, (caption, name)) in captions.iter().zip(COLUMNS).enumerate() {
        ws.write_string_with_format(2, col as u16, *caption, &f.caption)?;
        ws.write_string_with_format(3, col as u16, name, &f.machine)?;
    }
    Ok(())
}

fn parent(
    ws: &mut Worksheet,
    n: &Node,
    row: u32,
    children: &[u32],
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, CODE, &n.code, &f.parent_code)?;
    ws.write_string_with_format(row, NAME, &n.name, &f.parent_text)?;
    super::xlsx::fit_row(ws, row, &[(WIDTHS[NAME as usize], &n.name)])?;
    ws.write_formula_with_format(row, MAX, sum_of(children, MAX, n.max), &f.parent_points)?;
    ws.write_formula_with_format(
        row,
        POINTS,
        sum_of(children, POINTS, Decimal::ZERO),
        &f.parent_points,
    )?;
    for col in [RULE, EVIDENCE, NOTE] {
        ws.write_string_with_format(row, col, "", &f.parent_text)?;
    }
    // A whole criterion or area may be declared not applicable, and nothing else.
    ws.write_string_with_format(row, VALUE, "", &f.open_text)?;
    let na = DataValidation::new()
        .allow_list_strings(&["Không áp dụng"])?
        .set_error_style(DataValidationErrorStyle::Warning);
    ws.add_data_validation(row, VALUE, row, VALUE, &na)?;
    Ok(())
}

fn leaf(
    ws: &mut Worksheet,
    n: &Node,
    row: u32,
    f: &Formats,
    lang: Lang,
    lists: &mut Vec<Vec<String>>,
) -> Result<(), XlsxError> {
    let (rule, evidence) = leaf_texts(n, lang);
    ws.write_string_with_format(row, CODE, &n.code, &f.code)?;
    ws.write_string_with_format(row, NAME, &n.name, &f.text)?;
    ws.write_number_with_format(row, MAX, number(n.max), &f.points)?;
    ws.write_string_with_format(row, RULE, &rule, &f.text)?;
    ws.write_string_with_format(row, EVIDENCE, &evidence, &f.text)?;
    super::xlsx::fit_row(
        ws,
        row,
        &[
            (WIDTHS[NAME as usize], &n.name),
            (WIDTHS[RULE as usize], &rule),
            (WIDTHS[EVIDENCE as usize], &evidence),
        ],
    )?;
    ws.write_blank(row, VALUE, &f.open_points)?;
    ws.write_blank(row, POINTS, &f.open_points)?;
    ws.write_blank(row, NOTE, &f.open_text)?;
    let w = Words(lang);
    let max = number(n.max);
    let kind = n.rule().map(|r| &r.kind);
    let check = match kind {
        Some(RuleKind::Levels(levels)) => {
            let mut labels: Vec<String> = levels.iter().map(|l| l.label.clone()).collect();
            labels.push("Không áp dụng".to_string());
            let r = lists.len() + 1;
            let last = crate::diag::cell_name("", r, labels.len());
            lists.push(labels);
            DataValidation::new().allow_list_formula(Formula::new(format!(
                "='{LISTS}'!$A${r}:${}",
                absolute(&last)
            )))
        }
        Some(RuleKind::Manual { .. }) => {
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, max))
        }
        Some(RuleKind::Deduct { .. } | RuleKind::Count { .. }) => {
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        }
        _ => DataValidation::new().allow_any_value(),
    };
    let title = w.pick("Số liệu kê khai", "Declared figure");
    let check = check
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_input_title(title)?
        .set_input_message(capped(&rule, 250))?;
    ws.add_data_validation(row, VALUE, row, VALUE, &check)?;
    let by_hand = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, max))
        .set_error_style(DataValidationErrorStyle::Warning);
    ws.add_data_validation(row, POINTS, row, POINTS, &by_hand)?;
    Ok(())
}

/// `D3` → `D$3`'s column part with a `$`: `$D$3`.
fn absolute(cell: &str) -> String {
    let split = cell
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(cell.len());
    format!("{}${}", &cell[..split], &cell[split..])
}

fn capped(s: &str, chars: usize) -> String {
    match s.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}
