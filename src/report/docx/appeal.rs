//! The body of the explanation letter to the appraisal council (`export --docx --appeal`):
//! the totals before and after if every explanation were accepted, a table of the cuts
//! (largest first), then one entry per cut with both figures, the evidence filed (number,
//! date, issuer, title from `manifest.csv`), the council's finding as labelled context
//! (`appraisal_note`) and the unit's answer (`answer`), or a marked blank to fill in: the
//! council's reason is never printed as the unit's answer.

use super::explain::{self, labelled};
use super::style::{body, cell_text, grid_cell, grid_table, run, Look, BODY, TABLE};
use crate::lang::Lang;
use crate::number::{percent_of, show_percent, show_points};
use crate::submission::{Appeal, Cut};
use docx_rs::{AlignmentType, Paragraph, Table, TableRow};
use rust_decimal::Decimal;

const WIDTHS: [usize; 6] = [650, 1000, 4004, 1200, 1200, 1300];

/// The sentence with the totals before and after.
pub fn totals(a: &Appeal, lang: Lang) -> Paragraph {
    let p = |d| show_points(d, lang);
    let i = |d| show_percent(percent_of(d, a.max).unwrap_or_default(), lang);
    let (before, after, max, stake) = (p(a.before), p(a.after), p(a.max), p(a.stake()));
    let (bi, ai) = (i(a.before), i(a.after));
    let n = a.cuts.len();
    let text = match lang {
        Lang::Vi => format!(
            "Tổng điểm sau thẩm định: {before}/{max} điểm, Chỉ số {bi}%. Nếu {n} nội dung giải trình dưới đây được chấp nhận: {after}/{max} điểm, Chỉ số {ai}% (tăng {stake} điểm)."
        ),
        Lang::En => format!(
            "Total after appraisal: {before}/{max} points, index {bi}%. If the {n} explanations below are accepted: {after}/{max} points, index {ai}% (up {stake} points)."
        ),
    };
    body(vec![run(&text, Look::plain(BODY))])
}

/// The table of cuts, largest stake first, with their sum.
pub fn table(a: &Appeal, lang: Lang) -> Table {
    let vi = lang == Lang::Vi;
    let captions: [&str; 6] = if vi {
        [
            "STT",
            "Mã",
            "Tiêu chí thành phần",
            "Điểm tự đánh giá",
            "Điểm thẩm định",
            "Đề nghị xem xét lại",
        ]
    } else {
        [
            "No.",
            "Code",
            "Component",
            "Self-assessed",
            "Appraised",
            "Points asked back",
        ]
    };
    let p = |d| show_points(d, lang);
    let mut rows = vec![row(
        captions.map(|c| (c.to_string(), Look::bold(TABLE))),
        true,
    )];
    for (i, c) in a.cuts.iter().enumerate() {
        let plain = Look::plain(TABLE);
        rows.push(row(
            [
                ((i + 1).to_string(), plain),
                (c.code.clone(), plain),
                (c.name.clone(), plain),
                (p(c.own), plain),
                (p(c.appraised), plain),
                (p(c.stake), plain),
            ],
            false,
        ));
    }
    let sum = |f: &dyn Fn(&Cut) -> Decimal| a.cuts.iter().map(f).sum::<Decimal>();
    let bold = Look::bold(TABLE);
    rows.push(row(
        [
            (String::new(), bold),
            (String::new(), bold),
            ((if vi { "Cộng" } else { "Sum" }).to_string(), bold),
            (p(sum(&|c| c.own)), bold),
            (p(sum(&|c| c.appraised)), bold),
            (p(sum(&|c| c.stake)), bold),
        ],
        false,
    ));
    grid_table(&WIDTHS, rows)
}

fn row(cells: [(String, Look); 6], caption: bool) -> TableRow {
    TableRow::new(
        cells
            .into_iter()
            .enumerate()
            .map(|(i, (text, look))| {
                let align = if i == 2 && !caption {
                    AlignmentType::Left
                } else {
                    AlignmentType::Center
                };
                grid_cell(WIDTHS[i], vec![cell_text(&text, look, align)])
            })
            .collect(),
    )
    .cant_split()
}

/// One entry per cut: both figures, the evidence, the explanation.
pub fn entries(a: &Appeal, lang: Lang) -> Vec<Paragraph> {
    let vi = lang == Lang::Vi;
    let p = |d| show_points(d, lang);
    let mut out = Vec::new();
    for (i, c) in a.cuts.iter().enumerate() {
        let head = if vi {
            format!("{}. Tiêu chí thành phần {} — ", i + 1, c.code)
        } else {
            format!("{}. Component {} — ", i + 1, c.code)
        };
        out.push(
            body(vec![
                run(&head, Look::bold(BODY)),
                run(&c.name, Look::bold(BODY)),
            ])
            .keep_next(true),
        );
        let figures = if vi {
            format!(
                "Điểm tối đa {}; đơn vị tự đánh giá {}; Hội đồng thẩm định {}; đề nghị xem xét lại {} điểm.",
                p(c.max),
                p(c.own),
                p(c.appraised),
                p(c.stake)
            )
        } else {
            format!(
                "Maximum {}; self-assessed {}; appraised {}; asked back {} points.",
                p(c.max),
                p(c.own),
                p(c.appraised),
                p(c.stake)
            )
        };
        out.push(labelled(if vi { "- Điểm: " } else { "- Points: " }, &figures).keep_next(true));
        if !c.reason.trim().is_empty() {
            let label = if vi {
                "- Ý kiến của Hội đồng thẩm định: "
            } else {
                "- The appraisal council's finding: "
            };
            out.push(labelled(label, &sentence(&c.reason)));
        }
        let label = if vi {
            "- Giải trình của đơn vị: "
        } else {
            "- The unit's explanation: "
        };
        let blank = if vi {
            "[Đơn vị điền ý kiến giải trình]"
        } else {
            "[The unit's answer, to be filled in]"
        };
        out.push(explain::said_or_blank(label, &c.answer, blank));
        out.extend(explain::documents(&c.evidence, lang));
    }
    out
}

/// The council's words as a sentence, with its full stop.
fn sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?', ':', ';', ')']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}
