//! The "Cách tính điểm" column read back into rules — the inverse of `criteria::wording`,
//! and of the real tables' own phrasings (see `docs/criteria-import.md`). The wording is
//! cut into clauses (`;`, `.`, line ends); option clauses ("không có trường hợp nào (0/0):
//! 2 điểm", "Trong năm không có phản ánh, kiến nghị thì được tính 02 điểm", "tỷ lệ trên
//! 100% được tính là 100%") and a rate's formula ("Tỷ lệ % = (A/B) x 100") are read first;
//! the rest must be one rule read to its last token: a ratio, a deduction per case, points
//! per item, a deadline, a manual range, or "condition: points" segments — percentage
//! bands ([`super::bands`]), count bands or labelled levels. A word or number left over,
//! or an edge that could be read two ways, gives no rule and a reason: the caller keeps
//! the words and makes the leaf manual.

use super::segments::{fixed_points, segments};
use super::shapes::{below_zero, deadline, manual, per_case, ratio};
use super::tokens::{neutral, show, tokens, Cur, Tok};
use crate::criteria::AdjustmentKind;
use crate::input::nfc;
use crate::lang::Text;
use crate::number::show_exact;
use crate::text;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// Words that name a counted thing after a number ("4 lần").
pub(super) const COUNT_UNITS: &[&str] = &[
    "lần",
    "cuộc",
    "đợt",
    "buổi",
    "văn bản",
    "ứng dụng",
    "dịch vụ",
    "thủ tục",
    "nhiệm vụ",
    "sáng kiến",
    "mô hình",
    "hội nghị",
    "báo cáo",
];

/// What `criteria show` adds after levels labelled with numbers, and after a rule fed by
/// the plan: said by parscore, not by the table.
const LABELS_ONLY: &str =
    " (kê khai đúng nhãn mức; một con số được đọc là nhãn, không phải số điểm)";
const PLAN_INPUT: &str =
    " (tỷ lệ = nhiệm vụ kế hoạch CCHC đã hoàn thành / nhiệm vụ đến hạn hoặc đã hoàn thành)";

/// A rule as read: the rule object, what was assumed beyond the words (the leaf is then
/// `modeled`), or, with no rule, why not.
#[derive(Debug, Default)]
pub struct Reading {
    pub rule: Option<Value>,
    pub assumed: Vec<Text>,
    pub why: Option<Text>,
}

impl Reading {
    pub(super) fn exact(rule: Value) -> Reading {
        Reading {
            rule: Some(rule),
            ..Reading::default()
        }
    }

    pub(super) fn not(why: Text) -> Reading {
        Reading {
            why: Some(why),
            ..Reading::default()
        }
    }
}

/// A clause: its tokens and the text they came from.
pub(super) struct Clause<'a> {
    pub(super) toks: &'a [Tok],
    spans: &'a [(usize, usize)],
    text: &'a str,
}

impl Clause<'_> {
    /// The written text of tokens `a..b`.
    pub(super) fn written(&self, a: usize, b: usize) -> String {
        if a >= b {
            return String::new();
        }
        self.text[self.spans[a].0..self.spans[b - 1].1].to_string()
    }
}

/// The options a clause may set on a ratio or bands rule.
#[derive(Default)]
struct Options {
    zero: Option<&'static str>,
    over: Option<&'static str>,
    plan: bool,
    formula: bool,
}

/// The rule a written rule states for a node worth `max` (`item`: a bonus or penalty
/// item, whose rule is levels, count or manual).
pub fn parse(written: &str, max: Decimal, item: Option<AdjustmentKind>) -> Reading {
    let mut text = nfc(written.trim());
    let mut opts = Options::default();
    for (suffix, plan) in [(LABELS_ONLY, false), (PLAN_INPUT, true)] {
        if let Some(at) = text.find(suffix) {
            text.replace_range(at..at + suffix.len(), "");
            opts.plan |= plan;
        }
    }
    let (toks, spans) = tokens(&text);
    if toks.is_empty() {
        return Reading::not(text!(
            vi: "ô cách tính điểm để trống",
            en: "the scoring rule cell is empty"
        ));
    }
    let mut clauses = Vec::new();
    let mut start = 0;
    for k in 0..=toks.len() {
        let cut = k == toks.len()
            || toks[k].is_sym(';')
            || (toks[k].is_sym('.') && !toks.get(k + 1).is_some_and(|t| t.is_sym('.')));
        if cut {
            if k > start {
                clauses.push(Clause {
                    toks: &toks[start..k],
                    spans: &spans[start..k],
                    text: &text,
                });
            }
            start = k + 1;
        }
    }
    let mut main = Vec::new();
    let mut zero_clauses = Vec::new();
    for (k, c) in clauses.iter().enumerate() {
        let had = opts.zero.is_some();
        match option(c.toks, max, &mut opts) {
            Ok(true) if !had && opts.zero.is_some() => zero_clauses.push(k),
            Ok(true) => {}
            Ok(false) => main.push(k),
            Err(why) => return Reading::not(why),
        }
    }
    let pick = |ks: &[usize]| ks.iter().map(|k| &clauses[*k]).collect::<Vec<_>>();
    let mut reading = rule_of(&pick(&main), max, item, &opts);
    // "Không có vi phạm: 1 điểm" is a level, not what 0/0 is worth, when the rest is not a
    // rule over a rate: read again with it.
    let kind_of = |r: &Reading| {
        r.rule
            .as_ref()
            .and_then(|v| v["kind"].as_str().map(str::to_string))
    };
    if !zero_clauses.is_empty()
        && !matches!(
            kind_of(&reading).as_deref(),
            Some("bands" | "ratio" | "deduct")
        )
    {
        let mut all: Vec<usize> = main.iter().chain(&zero_clauses).copied().collect();
        all.sort();
        opts.zero = None;
        let again = rule_of(&pick(&all), max, item, &opts);
        if again.rule.is_some() || reading.rule.is_none() {
            reading = again;
        }
    }
    let Some(rule) = reading.rule.as_mut() else {
        return reading;
    };
    let kind = rule["kind"].as_str().unwrap_or_default().to_string();
    let ratio_like = matches!(kind.as_str(), "bands" | "ratio");
    if (opts.zero.is_some() || opts.over.is_some() || opts.plan) && !ratio_like {
        let what = show(&toks);
        if !(kind == "deduct" && opts.zero == Some("full") && opts.over.is_none() && !opts.plan) {
            return Reading::not(text!(
                vi: "\"{what}\": điều kiện về 0/0 hoặc tỷ lệ trên 100% chỉ dùng được cho quy tắc theo tỷ lệ",
                en: "\"{what}\": a setting for 0/0 or rates above 100% only fits a rule over a rate"
            ));
        }
    }
    if ratio_like {
        if let Some(z) = opts.zero {
            rule["nothing_to_count"] = json!(z);
        }
        if let Some(o) = opts.over {
            rule["over_100"] = json!(o);
        }
        if opts.plan {
            rule["input"] = json!("plan.completion");
        }
    }
    if let Some(kind) = item {
        if !matches!(rule["kind"].as_str(), Some("levels" | "count" | "manual")) {
            let k = match kind {
                AdjustmentKind::Bonus => ("điểm thưởng", "bonus"),
                AdjustmentKind::Penalty => ("điểm trừ", "penalty"),
            };
            let (kv, ke) = k;
            return Reading::not(text!(
                vi: "khoản {kv} chỉ chấm theo mức, theo số lượng hoặc chấm tay; cách tính này là quy tắc khác",
                en: "a {ke} item is scored by levels, by a count or by hand; this wording states another kind of rule"
            ));
        }
    }
    reading
}

/// An option clause: what 0/0 is worth, a rate above 100 %, a rate's formula. `Ok(false)`:
/// not an option clause.
fn option(toks: &[Tok], max: Decimal, opts: &mut Options) -> Result<bool, Text> {
    let mut c = Cur::new(toks);
    // "tỷ lệ trên 100% được tính là 100%" / "… không được chấp nhận".
    if c.any(&["tỷ lệ", "tỉ lệ"]) && c.words("trên") && c.pct() == Some(Decimal::ONE_HUNDRED)
    {
        let at = c.at;
        if c.words("được tính là") && c.pct() == Some(Decimal::ONE_HUNDRED) && c.done() {
            opts.over = Some("cap");
            return Ok(true);
        }
        c.at = at;
        if c.words("không được chấp nhận") && c.done() {
            opts.over = Some("refuse");
            return Ok(true);
        }
    }
    // A rate's formula: "Tỷ lệ (%) = (A / B) x 100(%)".
    let mut c = Cur::new(toks);
    if c.any(&["tỷ lệ", "tỉ lệ"]) {
        c.plain_words(&neutral);
        let _ = c.sym('%') || (c.sym('(') && c.sym('%') && c.sym(')'));
        if c.sym('=') && fraction(&mut c) && c.sym('x') {
            let hundred =
                c.num() == Some(Decimal::ONE_HUNDRED) || c.pct() == Some(Decimal::ONE_HUNDRED);
            c.sym('%');
            if hundred && c.done() {
                opts.formula = true;
                return Ok(true);
            }
        }
    }
    // Nothing to count: "không có trường hợp nào (0/0): 2 điểm", "Trong năm không có
    // phản ánh, kiến nghị thì được tính 02 điểm".
    let mut c = Cur::new(toks);
    c.any(&["trong năm", "trường hợp", "nếu", "trường hợp trong năm"]);
    c.any(&["trong năm"]);
    if !c.words("không có") {
        return Ok(false);
    }
    let mut k = c.at;
    while k < toks.len() && !matches!(&toks[k], Tok::Sym(':')) && !toks[k].is_word("thì") {
        k += 1;
    }
    let thing = &toks[c.at..k];
    let thing_ok = thing.iter().all(|t| match t {
        Tok::Word(w) => neutral(w),
        Tok::Sym(',') => true,
        _ => false,
    }) || thing
        == [
            Tok::Word("trường".into()),
            Tok::Word("hợp".into()),
            Tok::Word("nào".into()),
            Tok::Sym('('),
            Tok::Num(Decimal::ZERO),
            Tok::Sym('/'),
            Tok::Num(Decimal::ZERO),
            Tok::Sym(')'),
        ];
    if !thing_ok || k == toks.len() {
        return Ok(false);
    }
    let mut c = Cur::new(&toks[k + 1..]);
    c.any(&["thì"]);
    if c.words("không áp dụng") && c.done() {
        opts.zero = Some("not_applicable");
        return Ok(true);
    }
    let Some(p) = fixed_points(c.rest(), max) else {
        return Ok(false);
    };
    opts.zero = Some(if p == max && max > Decimal::ZERO {
        "full"
    } else if p.is_zero() {
        "zero"
    } else {
        let (pv, pe) = (
            show_exact(p, crate::lang::Lang::Vi),
            show_exact(p, crate::lang::Lang::En),
        );
        return Err(text!(
            vi: "khi không có trường hợp nào được {pv} điểm, không phải điểm tối đa hay 0: định dạng không biểu diễn được",
            en: "nothing to count scores {pe} points, neither the maximum nor 0: the format cannot hold it"
        ));
    });
    Ok(true)
}

/// "(A / B)" or "A / B" with words on both sides.
pub(super) fn fraction(c: &mut Cur) -> bool {
    let open = c.sym('(');
    let words = |c: &mut Cur| c.plain_words(&|w| neutral(w) || w == "trên" || w == "số") > 0;
    let ok = words(c) && c.sym('/') && words(c);
    ok && (!open || c.sym(')'))
}

/// The main clauses as one rule.
fn rule_of(
    main: &[&Clause],
    max: Decimal,
    item: Option<AdjustmentKind>,
    opts: &Options,
) -> Reading {
    if main.is_empty() {
        if opts.formula {
            return Reading {
                rule: Some(json!({ "kind": "ratio" })),
                assumed: vec![text!(
                    vi: "bảng chỉ ghi công thức tính tỷ lệ, không ghi cách ra điểm: coi là điểm = tỷ lệ × điểm tối đa",
                    en: "the table gives the rate's formula but not how it becomes points: taken as points = rate × maximum"
                )],
                why: None,
            };
        }
        return Reading::not(text!(
            vi: "chỉ có điều kiện phụ, không có cách tính điểm",
            en: "only a side condition, no scoring rule"
        ));
    }
    let all: Vec<&[Tok]> = main.iter().map(|c| c.toks).collect();
    if let Some(why) = below_zero(&all) {
        return Reading::not(why);
    }
    if main.len() == 1 {
        match ratio(main[0].toks, max) {
            Some(Ok(())) => return Reading::exact(json!({ "kind": "ratio" })),
            Some(Err(why)) => return Reading::not(why),
            None => {}
        }
        if let Some(r) = manual(main[0].toks, max) {
            return r;
        }
    }
    if let Some(r) = per_case(&all, max, item) {
        return r;
    }
    if let Some(r) = deadline(&all, max) {
        return r;
    }
    segments(main, max)
}

/// A decimal as the criteria format writes it: `0.5`, `2`.
pub(super) fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}
