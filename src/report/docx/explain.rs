//! The report's explanation section ("giải trình"), in the unit's own voice: one numbered
//! entry per leaf to explain — its points, the documents the unit relies on (number,
//! date, issuer and title from `manifest.csv`) and the unit's explanation (the
//! `explanation` column of the score sheet), or a marked blank to fill in before signing.
//! What the evidence check found (items missing, points at risk, file problems) is for the
//! unit's own people and never appears here.

use super::style::{body, body_text, run, Look, BODY};
use crate::lang::Lang;
use crate::number::show_points;
use crate::submission::{Filed, ToExplain};
use docx_rs::{Paragraph, Run};

/// The entries; `checked` says whether the dossier's evidence list was checked (without
/// it, only the leaves with an explanation are known).
pub fn entries(items: &[ToExplain], checked: bool, lang: Lang) -> Vec<Paragraph> {
    let vi = lang == Lang::Vi;
    if items.is_empty() {
        return vec![if checked {
            body_text(if vi {
                "Các tiêu chí thành phần đã chấm điểm đều có đủ tài liệu kiểm chứng."
            } else {
                "Every scored component has complete evidence."
            })
        } else {
            body(vec![to_fill(if vi {
                "[Đơn vị điền giải trình các tiêu chí thành phần chưa có hoặc chưa đủ tài liệu kiểm chứng (nếu có)]"
            } else {
                "[The unit's explanation of the components without complete evidence, if any]"
            })])
        }];
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
        out.extend(documents(&e.documents, lang));
        let label = if vi {
            "- Giải trình của đơn vị: "
        } else {
            "- The unit's explanation: "
        };
        out.push(said_or_blank(
            label,
            &e.explanation,
            explanation_blank(lang),
        ));
    }
    out
}

/// `- Tài liệu kiểm chứng: Số 12/KH-BQL ngày 16/01/2026 của …: Kế hoạch …`, one line per
/// document, or a marked blank for the number, date, issuer and title.
pub fn documents(filed: &[Filed], lang: Lang) -> Vec<Paragraph> {
    let vi = lang == Lang::Vi;
    let label = if vi {
        "- Tài liệu kiểm chứng: "
    } else {
        "- Evidence: "
    };
    if filed.is_empty() {
        let blank = if vi {
            "[Đơn vị ghi số, ngày, cơ quan ban hành, trích yếu tài liệu kiểm chứng]"
        } else {
            "[Number, date, issuer and title of the evidence, to be filled in]"
        };
        return vec![body(vec![run(label, Look::italic(BODY)), to_fill(blank)])];
    }
    if let [one] = filed {
        return vec![labelled(label, &filed_words(one, lang))];
    }
    let mut out = vec![body(vec![run(label, Look::italic(BODY))]).keep_next(true)];
    out.extend(filed.iter().map(|f| {
        body(vec![run(
            &format!("+ {}", filed_words(f, lang)),
            Look::plain(BODY),
        )])
    }));
    out
}

/// The blank left for the unit's explanation of a leaf.
pub fn explanation_blank(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "[Đơn vị điền giải trình]",
        Lang::En => "[The unit's explanation, to be filled in]",
    }
}

/// `label` and the unit's words, or `label` and a marked blank when it has said nothing.
pub fn said_or_blank(label: &str, said: &str, blank: &str) -> Paragraph {
    if said.trim().is_empty() {
        body(vec![run(label, Look::italic(BODY)), to_fill(blank)])
    } else {
        labelled(label, said)
    }
}

/// A blank to fill in before signing: bracketed, italic and highlighted, so that nobody
/// signs past it.
pub fn to_fill(text: &str) -> Run {
    run(text, Look::italic(BODY)).highlight("yellow")
}

/// `Số 12/KH-BQL ngày 16/01/2026 của Ban Quản lý …: Kế hoạch …`, with what is known.
pub fn filed_words(f: &Filed, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut s = String::new();
    if !f.number.is_empty() {
        s.push_str(&format!("{} {}", if vi { "Số" } else { "No." }, f.number));
    }
    if !f.date.is_empty() {
        let date = crate::value::parse_date(&f.date)
            .map(crate::value::show_date)
            .unwrap_or_else(|| f.date.clone());
        s.push_str(&format!(" {} {date}", if vi { "ngày" } else { "of" }));
    }
    if !f.issuer.is_empty() {
        s.push_str(&format!(" {} {}", if vi { "của" } else { "by" }, f.issuer));
    }
    let s = s.trim().to_string();
    if s.is_empty() {
        f.title.clone()
    } else {
        format!("{s}: {}", f.title)
    }
}

pub fn labelled(label: &str, text: &str) -> Paragraph {
    body(vec![
        run(label, Look::italic(BODY)),
        run(text, Look::plain(BODY)),
    ])
}
