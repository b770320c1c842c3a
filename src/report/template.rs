//! The blank score sheet: one row per leaf with its rule in words, ready to fill in Excel.

use super::csv_out::CsvOut;
use crate::criteria::{describe_rule, Criteria, Node};
use crate::lang::Lang;
use crate::number::show_points;

/// CSV in UTF-8 with a BOM (so Excel on Windows shows Vietnamese correctly). The columns
/// `code`, `value` and `note` are what `score` reads; the others are there to help.
pub fn blank_sheet(c: &Criteria, lang: Lang) -> Vec<u8> {
    let mut w = CsvOut::new();
    w.row([
        "code",
        "name",
        "max",
        "rule",
        "required_evidence",
        "value",
        "note",
    ]);
    for n in c.leaves() {
        let (rule, evidence) = leaf_texts(n, lang);
        w.row([
            n.code.as_str(),
            n.name.as_str(),
            &show_points(n.max, Lang::En),
            &rule,
            &evidence,
            "",
            "",
        ]);
    }
    w.into_document().into_bytes()
}

/// A leaf's rule in words (survey leaves marked as projections) and its evidence items,
/// numbered as `manifest.csv` refers to them (`1.2.1#2`): the help columns of both
/// templates.
pub fn leaf_texts(n: &Node, lang: Lang) -> (String, String) {
    let optional = if lang == Lang::Vi {
        " (không bắt buộc)"
    } else {
        " (optional)"
    };
    let conditional = if lang == Lang::Vi {
        " (chỉ khi có trường hợp)"
    } else {
        " (only when something happened)"
    };
    let evidence: Vec<String> = n
        .evidence
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let extra = match (e.required, e.if_happened) {
                (true, true) => conditional,
                (true, false) => "",
                (false, _) => optional,
            };
            format!("#{} {}{extra}", i + 1, e.what)
        })
        .collect();
    let mut rule = describe_rule(n, lang);
    if n.method == crate::criteria::Method::Survey {
        rule.insert_str(
            0,
            if lang == Lang::Vi {
                "[ĐTXHH — chỉ dự kiến] "
            } else {
                "[survey — projection only] "
            },
        );
    }
    (rule, evidence.join("; "))
}
