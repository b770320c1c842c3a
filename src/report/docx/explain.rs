//! The report's explanation section ("giải trình"): one numbered entry per leaf scored
//! without complete evidence — its points, the items with no document, what looks
//! doubtful about the documents filed, and the unit's explanation (the leaf's note in the
//! score sheet, or a marked blank to fill in before signing).

use super::header::BLANK;
use super::style::{body, body_text, run, Look, BODY};
use crate::lang::Lang;
use crate::number::show_points;
use crate::submission::ToExplain;
use docx_rs::Paragraph;

/// The entries, or a sentence saying there is nothing to explain.
pub fn entries(items: &[ToExplain], lang: Lang) -> Vec<Paragraph> {
    let vi = lang == Lang::Vi;
    if items.is_empty() {
        return vec![body_text(if vi {
            "Tất cả tiêu chí thành phần đã chấm điểm đều có đủ tài liệu kiểm chứng."
        } else {
            "Every scored component has complete evidence."
        })];
    }
    let mut out = Vec::new();
    for (i, e) in items.iter().enumerate() {
        let (points, max) = (show_points(e.points, lang), show_points(e.max, lang));
        let head = if vi {
            format!("{}. Tiêu chí thành phần {} — ", i + 1, e.code)
        } else {
            format!("{}. Component {} — ", i + 1, e.code)
        };
        let tail = if vi {
            format!(" (tự đánh giá {points}/{max} điểm)")
        } else {
            format!(" (self-assessed {points}/{max} points)")
        };
        out.push(
            body(vec![
                run(&head, Look::bold(BODY)),
                run(&e.name, Look::bold(BODY)),
                run(&tail, Look::plain(BODY)),
            ])
            .keep_next(true),
        );
        if !e.missing.is_empty() {
            let at_risk = show_points(e.at_risk, lang);
            let label = if vi {
                format!("- Tài liệu kiểm chứng còn thiếu ({at_risk} điểm có nguy cơ bị trừ): ")
            } else {
                format!("- Evidence missing ({at_risk} points at risk): ")
            };
            out.push(labelled(&label, &e.missing.join("; ")));
        }
        for doubt in &e.doubts {
            let label = if vi {
                "- Tài liệu cần xem lại: "
            } else {
                "- Evidence to review: "
            };
            out.push(labelled(label, doubt.get(lang)));
        }
        let label = if vi {
            "- Giải trình của đơn vị: "
        } else {
            "- The unit's explanation: "
        };
        if e.note.trim().is_empty() {
            let blank = if vi {
                format!("{BLANK}{BLANK}{BLANK} (đơn vị điền nội dung giải trình)")
            } else {
                format!("{BLANK}{BLANK}{BLANK} (to be filled in by the unit)")
            };
            out.push(body(vec![
                run(label, Look::italic(BODY)),
                run(&blank, Look::italic(BODY)),
            ]));
        } else {
            out.push(labelled(label, &e.note));
        }
    }
    out
}

fn labelled(label: &str, text: &str) -> Paragraph {
    body(vec![
        run(label, Look::italic(BODY)),
        run(text, Look::plain(BODY)),
    ])
}
