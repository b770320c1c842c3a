//! Section 4: the years side by side, as `compare` computes them (by area, in points and in
//! percent of each year's maximum; an area whose maximum changed is compared in percent
//! only), with what each year is judged by.

use super::{date, w, Report};
use crate::compare::{Basis, Cell, Change, Level, Row};
use crate::lang::Lang;
use crate::number::{show_percent, show_points};
use maud::{html, Markup};
use rust_decimal::Decimal;

pub fn section(r: &Report, lang: Lang) -> Markup {
    let Some(c) = r.comparison else {
        return html! {};
    };
    html! {
        section #compare {
            h2 { "4. " (w(lang, "So sánh các năm", "Year by year")) }
            ul.small {
                @for y in &c.years {
                    li {
                        strong { (y.year) } ": "
                        @match y.basis {
                            Basis::Appraised => (w(lang, "điểm thẩm định", "appraised points")),
                            Basis::Projected => {
                                (w(lang, "tự đánh giá + ĐTXHH dự kiến, tính đến ", "self-assessed + projected survey, as of "))
                                (date(y.as_of, lang))
                            }
                        }
                        " — " (y.unit) " (" (w(lang, "bộ tiêu chí ", "criteria ")) (y.criteria_id) ")"
                    }
                }
            }
            table {
                thead {
                    tr {
                        th.code { (w(lang, "Mã", "Code")) }
                        th style="width:22%" { (w(lang, "Lĩnh vực", "Area")) }
                        @for y in &c.years { th.num { (y.year) } }
                        @for pair in c.years.windows(2) { th.num { (pair[0].year) " → " (pair[1].year) } }
                    }
                }
                tbody {
                    @for row in &c.rows {
                        tr.total[row.level == Level::Total] data-compare=(row_key(row)) {
                            td.code { (if matches!(row.level, Level::Area | Level::Leaf) { row.code.as_str() } else { "" }) }
                            td { (label(row, lang)) }
                            @for (cell, y) in row.cells.iter().zip(&c.years) {
                                td.num.wrap data-year=(y.year) { (cell_text(cell, row.level, lang)) }
                            }
                            @for ch in &row.changes {
                                td.num.wrap data-change=(format!("{}-{}", ch.from, ch.to)) { (change_text(ch, lang)) }
                            }
                        }
                    }
                }
            }
            p.muted.small {
                (w(lang,
                    "Điểm/tối đa (% điểm tối đa của năm đó). * chỉ so sánh theo %, vì điểm tối đa đã đổi. † còn tiêu chí chưa chấm, tính là 0.",
                    "Points/maximum (% of that year's maximum). * compared in percent only, as the maximum changed. † some leaves unscored, counted as 0."))
            }
        }
    }
}

fn row_key(r: &Row) -> String {
    match r.level {
        Level::Area | Level::Leaf => r.code.clone(),
        other => other.key().to_string(),
    }
}

fn label(r: &Row, lang: Lang) -> String {
    match r.level {
        Level::Total => w(lang, "Tổng điểm (Chỉ số)", "Total (index)").into(),
        Level::Bonus => w(lang, "Điểm thưởng (sau mức trần)", "Bonus (after its cap)").into(),
        Level::Penalty => w(lang, "Điểm trừ (sau mức trần)", "Penalty (after its cap)").into(),
        _ => r.name.clone(),
    }
}

fn cell_text(c: &Option<Cell>, level: Level, lang: Lang) -> String {
    let p = |d: Decimal| show_points(d, lang);
    match c {
        None => "–".into(),
        Some(c) if matches!(level, Level::Bonus | Level::Penalty) => {
            format!(
                "{} ({} {})",
                p(c.achieved),
                w(lang, "tối đa", "max"),
                p(c.max)
            )
        }
        Some(c) if c.unscored > Decimal::ZERO && c.unscored == c.max => {
            format!("{} (/{})", w(lang, "chưa chấm", "unscored"), p(c.max))
        }
        Some(c) => format!(
            "{}/{} ({}%){}",
            p(c.achieved),
            p(c.max),
            c.percent()
                .map(|x| show_percent(x, lang))
                .unwrap_or_else(|| "–".into()),
            if c.unscored > Decimal::ZERO {
                "†"
            } else {
                ""
            }
        ),
    }
}

fn signed(d: Decimal, shown: String) -> String {
    if d > Decimal::ZERO {
        format!("+{shown}")
    } else {
        shown
    }
}

fn change_text(ch: &Change, lang: Lang) -> String {
    let pct = |d: Decimal| signed(d, format!("{}%", show_percent(d, lang)));
    match (ch.points, ch.percent) {
        (Some(p), Some(q)) => format!("{} ({})", signed(p, show_points(p, lang)), pct(q)),
        (None, Some(q)) => format!("{}*", pct(q)),
        _ => w(lang, "không so sánh được", "not comparable").into(),
    }
}
