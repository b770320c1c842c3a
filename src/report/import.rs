//! The per-row account of `criteria import`, for people: each row of the annex with what
//! it became — the rule in words (as `criteria show` words it), read exactly, read with an
//! assumption, or left to be scored by hand and why. One view ([`rows`]) for the terminal
//! ([`account_text`]), the JSON the web app's import page reads ([`account_json`]) and
//! that page itself.

use super::words::Words;
use crate::criteria::import::account::{RowAccount, Verdict};
use crate::criteria::{describe_rule, Criteria};
use crate::lang::Lang;

/// What a row became, as a short key for tools and styles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Exact,
    Assumed,
    Manual,
    Parent,
    Level,
    Heading,
    Skipped,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Exact => "exact",
            Status::Assumed => "assumed",
            Status::Manual => "manual",
            Status::Parent => "parent",
            Status::Level => "level",
            Status::Heading => "heading",
            Status::Skipped => "skipped",
        }
    }

    /// Whether a person should look at this row (and may fix it on the import page).
    pub fn unsure(self) -> bool {
        matches!(self, Status::Assumed | Status::Manual | Status::Skipped)
    }
}

/// One row in words.
#[derive(Clone, Debug)]
pub struct RowView {
    pub line: usize,
    pub place: String,
    pub code: String,
    pub name: String,
    pub max: String,
    pub wording: String,
    pub status: Status,
    /// "đọc chính xác", "chấm tay"…
    pub status_words: String,
    /// The rule as it now stands, in the words `criteria show` gives it.
    pub rule: String,
    /// Why it is not exact: what was assumed, or what was not understood.
    pub why: String,
}

/// Every row of the account, in table order.
pub fn rows(rows: &[RowAccount], criteria: Option<&Criteria>, lang: Lang) -> Vec<RowView> {
    let w = Words(lang);
    rows.iter()
        .map(|r| {
            let node = r
                .code
                .as_deref()
                .and_then(|c| criteria.and_then(|k| k.find(c)));
            let rule = node
                .filter(|n| n.is_leaf())
                .map(|n| describe_rule(n, lang))
                .unwrap_or_default();
            let (status, status_words, why) = match &r.verdict {
                Verdict::Exact => (
                    Status::Exact,
                    w.pick("đọc chính xác", "read exactly").to_string(),
                    String::new(),
                ),
                Verdict::Assumed(a) => (
                    Status::Assumed,
                    w.pick("đọc được, có giả định", "read, with an assumption")
                        .to_string(),
                    a.iter()
                        .map(|t| t.get(lang).to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                Verdict::Manual(why) => (
                    Status::Manual,
                    w.pick("chấm tay", "scored by hand").to_string(),
                    why.get(lang).to_string(),
                ),
                Verdict::Parent => (
                    Status::Parent,
                    w.pick("tiêu chí có tiêu chí con", "parent").to_string(),
                    String::new(),
                ),
                Verdict::LevelOf(code) => (
                    Status::Level,
                    w.t(
                        format_args!("mức điểm của {code}"),
                        format_args!("a level of {code}"),
                    ),
                    String::new(),
                ),
                Verdict::Heading => (
                    Status::Heading,
                    w.pick("tiêu đề, tổng", "heading, total").to_string(),
                    String::new(),
                ),
                Verdict::Skipped(why) => (
                    Status::Skipped,
                    w.pick("bỏ qua", "skipped").to_string(),
                    why.get(lang).to_string(),
                ),
            };
            RowView {
                line: r.line,
                place: r.place.clone(),
                code: r.code.clone().unwrap_or_default(),
                name: r.name.clone(),
                max: r.max.map(|m| w.points(m)).unwrap_or_default(),
                wording: r.wording.clone(),
                status,
                status_words,
                rule,
                why,
            }
        })
        .collect()
}

/// The account as lines for the terminal, after a title line; headings and parents are
/// left out (they hold no rule), every other row is there.
pub fn account_text(views: &[RowView], lang: Lang) -> String {
    let w = Words(lang);
    let mut out = String::from(w.pick(
        "Từng dòng của bảng đã được đọc thế nào:\n",
        "How each row of the table was read:\n",
    ));
    for v in views {
        if matches!(v.status, Status::Heading | Status::Parent) {
            continue;
        }
        let label = if v.code.is_empty() {
            v.name.clone()
        } else {
            format!("{} {}", v.code, v.name)
        };
        out.push_str(&format!("  {}: {label} — {}", v.place, v.status_words));
        if !v.rule.is_empty() {
            out.push_str(&format!(": {}", v.rule));
        }
        if !v.why.is_empty() {
            out.push_str(&w.t(
                format_args!(" (vì: {})", v.why),
                format_args!(" (because: {})", v.why),
            ));
        }
        out.push('\n');
    }
    out
}

/// The account for tools and the import page.
pub fn account_json(views: &[RowView]) -> serde_json::Value {
    serde_json::Value::Array(
        views
            .iter()
            .map(|v| {
                serde_json::json!({
                    "line": v.line, "place": v.place, "code": v.code, "name": v.name, "max": v.max,
                    "wording": v.wording, "status": v.status.key(), "status_words": v.status_words,
                    "rule": v.rule, "why": v.why, "unsure": v.status.unsure(),
                })
            })
            .collect(),
    )
}
