//! The summary table of the Word report: the rows and figures of the XLSX submission
//! table (`export --xlsx`) — STT, criterion, maximum, declared figure, self-assessed points,
//! evidence — one row per area, criterion and leaf, then the total and the index. Areas
//! and criteria are bold, each kept on the page of its first child; figures are written as
//! a Vietnamese reader reads them (`88,99`, `97%`), a leaf without a score says "Chưa chấm".

use super::style::{cell_text, grid_cell, grid_table, Look, TABLE};
use crate::criteria::Criteria;
use crate::evidence::Manifest;
use crate::lang::Lang;
use crate::number::{show_percent, show_points};
use crate::report::summary_sheet::{evidence_lines, roman};
use crate::scoring::{NodeScore, ScoreSheet, Status};
use docx_rs::{AlignmentType, Table, TableRow};

/// Column widths in twips; they sum to the text width of an A4 portrait page.
const WIDTHS: [usize; 6] = [800, 2850, 900, 1400, 950, 2454];

/// The table for a scored sheet; `manifest` gives the evidence column.
pub fn table(s: &ScoreSheet, c: &Criteria, manifest: Option<&Manifest>, lang: Lang) -> Table {
    let vi = lang == Lang::Vi;
    let captions: [&str; 6] = if vi {
        [
            "STT",
            "Lĩnh vực / tiêu chí / tiêu chí thành phần",
            "Điểm tối đa",
            "Số liệu kê khai",
            "Điểm tự đánh giá",
            "Tài liệu kiểm chứng (số, ngày, trích yếu)",
        ]
    } else {
        [
            "No.",
            "Area / criterion / component",
            "Max.",
            "Declared figure",
            "Points",
            "Evidence (number, date, summary)",
        ]
    };
    let header = row(
        captions.iter().map(|t| (t.to_string(), Look::bold(TABLE))),
        true,
        true,
    );
    let numbers = row(
        (1..=6).map(|i| (format!("({i})"), Look::italic(TABLE))),
        true,
        true,
    );
    let mut rows = vec![header.cant_split(), numbers.cant_split()];
    let by_code: std::collections::HashMap<&str, &NodeScore> =
        s.nodes.iter().map(|n| (n.code.as_str(), n)).collect();
    for n in c.nodes() {
        let Some(score) = by_code.get(n.code.as_str()) else {
            continue;
        };
        let cells = if n.is_leaf() {
            let detail = score.leaf.as_ref();
            let points = match detail.map(|d| d.status) {
                Some(Status::Scored | Status::Projected) => show_points(score.achieved, lang),
                Some(Status::Unscored) => (if vi { "Chưa chấm" } else { "Not scored" }).to_string(),
                _ => String::new(),
            };
            let plain = Look::plain(TABLE);
            [
                (n.code.clone(), plain),
                (n.name.clone(), plain),
                (show_points(score.max, lang), plain),
                (
                    detail
                        .map(|d| crate::report::declared::declared(d, lang))
                        .unwrap_or_default(),
                    plain,
                ),
                (points, plain),
                (evidence_lines(manifest, &n.code).join("\n"), plain),
            ]
        } else {
            let stt = if n.depth() == 1 {
                roman(&n.code)
            } else {
                n.code.clone()
            };
            let bold = Look::bold(TABLE);
            [
                (stt, bold),
                (n.name.clone(), bold),
                (show_points(score.max, lang), bold),
                (String::new(), bold),
                (show_points(score.achieved, lang), bold),
                (String::new(), bold),
            ]
        };
        // An area or criterion row is kept on the page of its first child.
        let keep = !n.is_leaf();
        rows.push(row(cells.into_iter(), false, keep).cant_split());
    }
    let t = &s.totals;
    let bold = Look::bold(TABLE);
    let total = if vi { "TỔNG ĐIỂM" } else { "TOTAL" };
    rows.push(row(
        [
            (String::new(), bold),
            (total.to_string(), bold),
            (show_points(t.max, lang), bold),
            (String::new(), bold),
            (show_points(t.achieved, lang), bold),
            (String::new(), bold),
        ]
        .into_iter(),
        false,
        false,
    ));
    let index = if vi {
        "CHỈ SỐ CCHC (%) = tổng điểm ÷ điểm tối đa áp dụng × 100"
    } else {
        "PAR INDEX (%) = total ÷ applicable maximum × 100"
    };
    rows.push(row(
        [
            (String::new(), bold),
            (index.to_string(), bold),
            (String::new(), bold),
            (String::new(), bold),
            (show_percent(t.index().unwrap_or_default(), lang), bold),
            (String::new(), bold),
        ]
        .into_iter(),
        false,
        false,
    ));
    grid_table(&WIDTHS, rows)
}

/// A row: the name and evidence columns left-aligned, the rest centred (all centred in
/// the caption rows); `keep` holds it on the page of the row after it.
fn row(cells: impl Iterator<Item = (String, Look)>, caption: bool, keep: bool) -> TableRow {
    TableRow::new(
        cells
            .enumerate()
            .map(|(i, (text, look))| {
                let align = match i {
                    1 | 3 | 5 if !caption => AlignmentType::Left,
                    _ => AlignmentType::Center,
                };
                // One paragraph per document in the evidence column, a little apart.
                let paragraphs = text
                    .split('\n')
                    .map(|line| cell_text(line, look, align).keep_next(keep))
                    .collect();
                grid_cell(WIDTHS[i], paragraphs)
            })
            .collect(),
    )
}
