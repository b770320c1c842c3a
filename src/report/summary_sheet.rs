//! The unit's submission table as an Excel workbook (`parscore export DOSSIER --xlsx`),
//! "Bảng tổng hợp kết quả tự đánh giá, chấm điểm": STT, criterion, maximum, declared
//! figure, self-assessed points, evidence (number, date, summary) and the unit's
//! explanation, a row per node, areas and criteria bold with subtotal formulas, then the
//! total and the index; page numbers in the printed footer. Declared figures are written
//! for readers (`97%`, `0,75 điểm`, `15/01/2026`), an unscored leaf keeps its points
//! cell empty (the sums stay numbers) and says "Chưa chấm" in the explanation column.
//! Every figure is the one `score` computed; the formulas repeat its sums so that the
//! table stays right when someone edits a leaf in Excel, and their cached results are
//! those figures, so a reader that does not recompute sees them too.

use super::words::Words;
use super::xlsx::{child_rows, number, plain, sum_of, Formats};
use crate::criteria::{Criteria, Node};
use crate::evidence::Manifest;
use crate::lang::Lang;
use crate::scoring::{NodeScore, ScoreSheet, Status};
use crate::submission::ToExplain;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Workbook, Worksheet, XlsxError};

/// What `export` wrote: the file, the sheet, the total and the index.
pub fn written(target: &str, total: Decimal, max: Decimal, index: Decimal, lang: Lang) -> String {
    let w = super::words::Words(lang);
    let (total, max, index) = (w.points(total), w.points(max), w.percent(index));
    w.t(
        format_args!(
            "đã ghi {target}: trang \"{SHEET}\", tổng {total} / {max} điểm, chỉ số {index}\n"
        ),
        format_args!(
            "wrote {target}: sheet \"{SHEET}\", total {total} / {max} points, index {index}\n"
        ),
    )
}

pub const SHEET: &str = "Tổng hợp";

const STT: u16 = 0;
const NAME: u16 = 1;
const MAX: u16 = 2;
const VALUE: u16 = 3;
const POINTS: u16 = 4;
const EVIDENCE: u16 = 5;
const NOTE: u16 = 6;
const WIDTHS: [f64; 7] = [8.0, 50.0, 10.0, 18.0, 11.0, 48.0, 36.0];
const FIRST: u32 = 4;

/// The workbook for a scored dossier; `manifest` gives the evidence column, `explain`
/// the leaves whose explanation the unit must write (a marked blank when it has not).
pub fn workbook(
    s: &ScoreSheet,
    c: &Criteria,
    manifest: Option<&Manifest>,
    explain: &[ToExplain],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let w = Words(lang);
    let f = Formats::new();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(SHEET)?;
    header(ws, s, &f, w)?;
    let nodes = c.nodes();
    // A node the sheet has no score for (none in practice) keeps its row, blank.
    let rows: Vec<u32> = (0..nodes.len() as u32).map(|i| FIRST + i).collect();
    let by_code: std::collections::HashMap<&str, &NodeScore> =
        s.nodes.iter().map(|n| (n.code.as_str(), n)).collect();
    for (i, n) in nodes.iter().enumerate() {
        let row = rows[i];
        let Some(score) = by_code.get(n.code.as_str()) else {
            continue;
        };
        if n.is_leaf() {
            let to_fill = explain.iter().any(|e| e.code == n.code);
            leaf(ws, n, score, row, &f, manifest, to_fill, lang)?;
        } else {
            let children = child_rows(n, &nodes, &rows);
            let stt = if n.depth() == 1 {
                roman(&n.code)
            } else {
                n.code.clone()
            };
            ws.write_string_with_format(row, STT, &stt, &f.parent_code)?;
            ws.write_string_with_format(row, NAME, &n.name, &f.parent_text)?;
            super::xlsx::fit_row(ws, row, &[(WIDTHS[NAME as usize], &n.name)])?;
            ws.write_formula_with_format(
                row,
                MAX,
                sum_of(&children, MAX, score.max),
                &f.parent_points,
            )?;
            ws.write_formula_with_format(
                row,
                POINTS,
                sum_of(&children, POINTS, score.achieved),
                &f.parent_points,
            )?;
            for col in [VALUE, EVIDENCE, NOTE] {
                ws.write_string_with_format(row, col, "", &f.parent_text)?;
            }
        }
    }
    let total = FIRST + nodes.len() as u32;
    let areas: Vec<u32> = c
        .areas
        .iter()
        .filter_map(|a| nodes.iter().position(|n| std::ptr::eq(*n, a)))
        .map(|i| rows[i])
        .collect();
    let t = &s.totals;
    let label = w.pick("TỔNG ĐIỂM", "TOTAL");
    ws.write_string_with_format(total, STT, "", &f.parent_code)?;
    ws.write_string_with_format(total, NAME, label, &f.parent_text)?;
    ws.write_formula_with_format(total, MAX, sum_of(&areas, MAX, t.max), &f.parent_points)?;
    ws.write_formula_with_format(
        total,
        POINTS,
        sum_of(&areas, POINTS, t.achieved),
        &f.parent_points,
    )?;
    let index = total + 1;
    let label = w.pick(
        "CHỈ SỐ CCHC (%) = tổng điểm ÷ điểm tối đa áp dụng × 100",
        "PAR INDEX (%) = total ÷ applicable maximum × 100",
    );
    let (m, p) = (cell(total, MAX), cell(total, POINTS));
    let formula = Formula::new(format!("=IF({m}=0,0,{p}/{m}*100)"))
        .set_result(plain(t.index().unwrap_or(Decimal::ZERO)));
    ws.write_string_with_format(index, STT, "", &f.parent_code)?;
    ws.write_string_with_format(index, NAME, label, &f.parent_text)?;
    ws.write_string_with_format(index, MAX, "", &f.parent_text)?;
    ws.write_formula_with_format(index, POINTS, formula, &f.parent_points)?;
    for row in [total, index] {
        for col in [VALUE, EVIDENCE, NOTE] {
            ws.write_string_with_format(row, col, "", &f.parent_text)?;
        }
    }
    ws.set_freeze_panes(FIRST, 2)?;
    ws.set_repeat_rows(2, 3)?;
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_footer(w.pick("&CTrang &P/&N", "&CPage &P of &N"));
    super::xlsx::bytes(book)
}

fn cell(row: u32, col: u16) -> String {
    crate::diag::cell_name("", row as usize + 1, col as usize + 1)
}

fn header(ws: &mut Worksheet, s: &ScoreSheet, f: &Formats, w: Words) -> Result<(), XlsxError> {
    for (col, width) in WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    let year = s.year;
    let title = w.t(
        format_args!(
            "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}"
        ),
        format_args!("SUMMARY OF THE SELF-ASSESSMENT FOR THE PAR INDEX, {year}"),
    );
    ws.merge_range(0, STT, 0, NOTE, &title, &f.title)?;
    let as_of = w.date(s.as_of);
    let (unit, title) = (&s.unit, &s.criteria_title);
    let sub = w.t(
        format_args!("{unit} — {title} (tính đến {as_of})"),
        format_args!("{unit} — {title} (as of {as_of})"),
    );
    ws.merge_range(1, STT, 1, NOTE, &sub, &f.note)?;
    let captions: [&str; 7] = [
        w.pick("STT", "No."),
        w.pick(
            "Lĩnh vực / tiêu chí / tiêu chí thành phần",
            "Area / criterion / component",
        ),
        w.pick("Điểm tối đa", "Maximum"),
        w.pick("Số liệu kê khai", "Declared figure"),
        w.pick("Điểm tự đánh giá", "Self-assessed points"),
        w.pick(
            "Tài liệu kiểm chứng (số, ngày, trích yếu)",
            "Evidence (number, date, summary)",
        ),
        w.pick("Giải trình", "Explanation"),
    ];
    for (col, caption) in captions.iter().enumerate() {
        ws.write_string_with_format(2, col as u16, *caption, &f.caption)?;
        ws.write_string_with_format(3, col as u16, format!("({})", col + 1), &f.machine)?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn leaf(
    ws: &mut Worksheet,
    n: &Node,
    score: &NodeScore,
    row: u32,
    f: &Formats,
    manifest: Option<&Manifest>,
    to_fill: bool,
    lang: Lang,
) -> Result<(), XlsxError> {
    let w = Words(lang);
    let detail = score.leaf.as_ref();
    let status = detail.map(|d| d.status);
    ws.write_string_with_format(row, STT, &n.code, &f.code)?;
    ws.write_string_with_format(row, NAME, &n.name, &f.text)?;
    ws.write_number_with_format(row, MAX, number(score.max), &f.points)?;
    let value = detail
        .map(|d| super::declared::declared(d, lang))
        .unwrap_or_default();
    ws.write_string_with_format(row, VALUE, &value, &f.text)?;
    match status {
        Some(Status::Scored | Status::Projected) => {
            ws.write_number_with_format(row, POINTS, number(score.achieved), &f.points)?;
        }
        _ => {
            ws.write_blank(row, POINTS, &f.points)?;
        }
    }
    let documents = evidence_lines(manifest, &n.code);
    ws.write_string_with_format(row, EVIDENCE, documents.join("\n"), &f.text)?;
    // The unit's explanation, in its own voice: what the checker finds stays out.
    let mut note: Vec<String> = Vec::new();
    match detail {
        Some(d) if !d.explanation.is_empty() => note.push(d.explanation.clone()),
        // Why a leaf does not apply is the unit's own note (the score sheet asks for it).
        Some(d) if d.status == Status::NotApplicable && !d.note.is_empty() => {
            note.push(d.note.clone())
        }
        _ if to_fill => note.push(
            w.pick(
                "[Đơn vị điền giải trình]",
                "[The unit's explanation, to be filled in]",
            )
            .into(),
        ),
        _ => {}
    }
    match status {
        Some(Status::Unscored) => note.push(w.pick("Chưa chấm", "Not scored yet").into()),
        Some(Status::NotApplicable) => note.push(w.pick("Không áp dụng", "Not applicable").into()),
        Some(Status::Projected) => note.push(
            w.pick(
                "Điểm điều tra xã hội học dự kiến",
                "Projected survey points",
            )
            .into(),
        ),
        _ => {}
    }
    let note = note.join("; ");
    ws.write_string_with_format(row, NOTE, &note, &f.text)?;
    let value = value.as_str();
    let evidence = documents.join("\n");
    super::xlsx::fit_row(
        ws,
        row,
        &[
            (WIDTHS[NAME as usize], &n.name),
            (WIDTHS[VALUE as usize], value),
            (WIDTHS[EVIDENCE as usize], &evidence),
            (WIDTHS[NOTE as usize], &note),
        ],
    )?;
    Ok(())
}

/// The documents filed for a leaf as the submission tables list them: `number, date: title`.
pub fn evidence_lines(manifest: Option<&Manifest>, code: &str) -> Vec<String> {
    manifest
        .map(|m| {
            m.documents
                .iter()
                .filter(|d| d.links.iter().any(|l| l.code == code))
                .map(|d| {
                    let said: Vec<&str> = [d.number.as_str(), d.date_text.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect();
                    format!("{}: {}", said.join(", "), d.title)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// An area's number as official tables write it: `3` → `III`.
pub fn roman(code: &str) -> String {
    let Ok(mut n) = code.parse::<u32>() else {
        return code.to_string();
    };
    let mut out = String::new();
    for (value, letters) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// What `export` says when leaves are not scored yet: the documents print them as
/// "Chưa chấm" with their maximum, and nobody should send them so by surprise.
pub fn unscored_warning(
    source: &str,
    unscored: &[crate::submission::Unscored],
    lang: Lang,
) -> Option<crate::diag::Diagnostic> {
    if unscored.is_empty() {
        return None;
    }
    let w = Words(lang);
    let n = unscored.len();
    let max = w.points(unscored.iter().map(|u| u.max).sum());
    let codes = unscored
        .iter()
        .map(|u| u.code.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    Some(crate::diag::Diagnostic::warning(
        source,
        crate::text!(
            vi: "{n} tiêu chí thành phần chưa chấm điểm ({codes}; tối đa {max} điểm): tài liệu ghi \"Chưa chấm\"; chấm đủ trước khi gửi",
            en: "{n} components not scored yet ({codes}; {max} points at most): the documents say \"Not scored\"; score them before sending"
        ),
    ))
}
