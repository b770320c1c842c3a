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

use super::bands::{condition, conditions, CountUnit, Domain, Stated};
use super::tokens::{neutral, show, tokens, Cur, Tok};
use crate::criteria::AdjustmentKind;
use crate::input::nfc;
use crate::lang::Text;
use crate::number::{round2, show_exact};
use crate::text;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

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

/// What a bonus or penalty item counts, when "mỗi" names it.
const ITEM_UNITS: &[&str] = &[
    "sáng kiến",
    "báo cáo",
    "trường hợp",
    "giải thưởng",
    "văn bản",
    "mô hình",
    "nhiệm vụ",
    "lần",
    "cuộc",
    "đợt",
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
    fn exact(rule: Value) -> Reading {
        Reading {
            rule: Some(rule),
            ..Reading::default()
        }
    }

    fn not(why: Text) -> Reading {
        Reading {
            why: Some(why),
            ..Reading::default()
        }
    }
}

/// A clause: its tokens and the text they came from.
struct Clause<'a> {
    toks: &'a [Tok],
    spans: &'a [(usize, usize)],
    text: &'a str,
}

impl Clause<'_> {
    /// The written text of tokens `a..b`.
    fn written(&self, a: usize, b: usize) -> String {
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
fn fraction(c: &mut Cur) -> bool {
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

/// "bị 0 điểm và bị trừ 0,25 điểm", "-0,25 điểm": a score below zero, which the format
/// cannot hold.
fn below_zero(all: &[&[Tok]]) -> Option<Text> {
    let hit = all.iter().any(|t| {
        let zero_then_minus = t.windows(2).any(|w| {
            w[0] == Tok::Num(Decimal::ZERO) && (w[1].is_word("điểm") || w[1].is_word("đ"))
        }) && t
            .iter()
            .skip_while(|x| **x != Tok::Num(Decimal::ZERO))
            .any(|x| x.is_word("trừ"));
        let negative = t.windows(3).any(|w| {
            (w[0].is_sym(':') || w[0].is_word("được"))
                && w[1].is_sym('-')
                && matches!(w[2], Tok::Num(_))
        });
        zero_then_minus || negative || t.iter().any(|x| x.is_word("âm"))
    });
    hit.then(|| text!(
        vi: "cách tính cho điểm dưới 0 (trừ tiếp khi đã 0 điểm); bộ chỉ số không chứa được điểm âm, phải chấm tay",
        en: "the rule gives points below zero (more off once at 0); a criteria file cannot hold negative points, so it is scored by hand"
    ))
}

/// A ratio: "Tỷ lệ … × điểm tối đa", "Điểm = 2 điểm × tỷ lệ % đạt được", "(A/B) × điểm
/// tối đa". `None`: not a ratio's shape.
fn ratio(toks: &[Tok], max: Decimal) -> Option<Result<(), Text>> {
    let times: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_sym('x') || t.is_word("nhân"))
        .map(|(i, _)| i)
        .collect();
    let [at] = times[..] else { return None };
    let mut lead = Cur::new(toks);
    let prefix = {
        let n = lead.plain_words(&|w| {
            matches!(w, "điểm" | "số" | "đạt" | "được" | "đánh" | "giá" | "chấm")
        });
        if n > 0 && lead.sym('=') {
            lead.at
        } else {
            0
        }
    };
    let left = &toks[prefix..at];
    let mut right_start = at + 1;
    if toks.get(right_start).is_some_and(|t| t.is_word("với")) {
        right_start += 1;
    }
    let right = &toks[right_start..];
    let (rate, scale) = match (max_ref(left, max), max_ref(right, max)) {
        (Some(m), None) => (right, m),
        (None, Some(m)) => (left, m),
        _ => return None,
    };
    if !is_rate(rate) {
        return None;
    }
    Some(match scale {
        Ok(()) => Ok(()),
        Err(n) => {
            let (nv, ne) = (
                show_exact(n, crate::lang::Lang::Vi),
                show_exact(n, crate::lang::Lang::En),
            );
            let (mv, me) = (
                show_exact(max, crate::lang::Lang::Vi),
                show_exact(max, crate::lang::Lang::En),
            );
            Err(text!(
                vi: "cách tính nhân tỷ lệ với {nv} điểm nhưng điểm tối đa là {mv}",
                en: "the rule multiplies the rate by {ne} points but the maximum is {me}"
            ))
        }
    })
}

/// "điểm tối đa", "số điểm tối đa" or "N điểm": `Ok` when N is the maximum, `Err(N)` when not.
fn max_ref(toks: &[Tok], max: Decimal) -> Option<Result<(), Decimal>> {
    let mut c = Cur::new(toks);
    if c.any(&["số điểm tối đa", "điểm tối đa"]) && c.done() {
        return Some(Ok(()));
    }
    let mut c = Cur::new(toks);
    let n = c.num()?;
    (c.any(&["điểm", "đ"]) && c.done()).then_some(if n == max { Ok(()) } else { Err(n) })
}

/// "tỷ lệ [words] [%] [đạt được]" or a fraction of two counts.
fn is_rate(toks: &[Tok]) -> bool {
    let mut c = Cur::new(toks);
    if c.any(&["tỷ lệ", "tỉ lệ"]) {
        loop {
            let words = c.plain_words(&|w| neutral(w) || w == "trên");
            let sign = c.sym('%') || c.sym(',') || (c.sym('(') && c.sym('%') && c.sym(')'));
            if words == 0 && !sign {
                break;
            }
        }
        return c.done();
    }
    let mut c = Cur::new(toks);
    fraction(&mut c) && c.done()
}

/// "Chấm trực tiếp từ 0 đến 1 điểm, theo bước 0,25".
fn manual(toks: &[Tok], max: Decimal) -> Option<Reading> {
    let mut c = Cur::new(toks);
    if !(c.words("chấm trực tiếp từ") && c.num() == Some(Decimal::ZERO) && c.words("đến"))
    {
        return None;
    }
    let top = c.num()?;
    if !(c.words("điểm") && c.sym(',') && c.words("theo bước")) {
        return None;
    }
    let step = c.num()?;
    if !c.done() {
        return None;
    }
    Some(if top == max {
        Reading::exact(json!({ "kind": "manual", "step": plain(step) }))
    } else {
        Reading::not(text!(
            vi: "khoảng chấm tay khác điểm tối đa",
            en: "the range scored by hand differs from the maximum"
        ))
    })
}

/// Points off or on per case: "Mỗi trường hợp trừ 0,25 điểm" (a leaf's `deduct`; floors at
/// 0 as written or said), "Tối đa 1 điểm; mỗi trường hợp trừ 0,25 điểm, không thấp hơn 0
/// điểm", "Mỗi sáng kiến được công nhận: cộng 0,5 điểm" and "1 điểm mỗi ứng dụng, tối đa
/// 5 điểm" (`count` with `per`). `None`: not this shape.
fn per_case(all: &[&[Tok]], max: Decimal, item: Option<AdjustmentKind>) -> Option<Reading> {
    let pieces: Vec<&[Tok]> = all
        .iter()
        .flat_map(|t| t.split(|x| x.is_sym(',')))
        .filter(|p| !p.is_empty())
        .collect();
    let mut per: Option<(Decimal, Option<bool>, String)> = None;
    let mut floor_ok = true;
    let mut floor_why = None;
    let mut seen_mỗi = false;
    for p in &pieces {
        if p.iter().any(|t| t.is_word("mỗi")) {
            seen_mỗi = true;
            let (n, minus, unit) = one_case(p)?;
            if per.is_some() {
                return None;
            }
            per = Some((n, minus, unit));
            continue;
        }
        let mut c = Cur::new(p);
        if c.words("tối đa") && c.num() == Some(max) && c.any(&["điểm", "đ"]) && c.done() {
            continue;
        }
        let mut c = Cur::new(p);
        if c.words("không thấp hơn") {
            if let Some(n) = c.num() {
                if c.any(&["điểm", "đ"]) && c.done() {
                    floor_ok = n.is_zero();
                    continue;
                }
            }
            return None;
        }
        let mut c = Cur::new(p);
        if c.any(&[
            "tối đa trừ",
            "trừ tối đa",
            "trừ không quá",
            "trừ tối đa không quá",
        ]) {
            let n = c.num()?;
            if !(c.any(&["điểm", "đ"]) && c.done()) {
                return None;
            }
            if n != max {
                floor_ok = false;
                let (nv, ne) = (
                    show_exact(n, crate::lang::Lang::Vi),
                    show_exact(n, crate::lang::Lang::En),
                );
                floor_why = Some(text!(
                    vi: "trừ tối đa {nv} điểm, ít hơn điểm tối đa: điểm sàn khác 0, định dạng không biểu diễn được",
                    en: "at most {ne} points off, less than the maximum: a floor above 0, which the format cannot hold"
                ));
            }
            continue;
        }
        let mut c = Cur::new(p);
        if c.any(&[
            "trừ đến khi hết điểm",
            "trừ hết điểm",
            "trừ đến hết điểm",
            "trừ đến 0 điểm",
            "đến khi hết điểm",
        ]) && c.done()
        {
            continue;
        }
        return None;
    }
    if !seen_mỗi {
        return None;
    }
    let (n, minus, unit) = per?;
    if !floor_ok {
        return Some(Reading::not(floor_why.unwrap_or_else(|| {
            text!(
                vi: "điểm sàn khác 0: định dạng không biểu diễn được",
                en: "a floor above 0: the format cannot hold it"
            )
        })));
    }
    if n <= Decimal::ZERO {
        return None;
    }
    Some(match (item, minus) {
        (None, Some(true)) => Reading::exact(json!({ "kind": "deduct", "per": plain(n) })),
        (Some(AdjustmentKind::Bonus), Some(true)) => Reading::not(text!(
            vi: "khoản điểm thưởng nhưng cách tính ghi \"trừ\"",
            en: "a bonus item whose rule says \"trừ\" (off)"
        )),
        (Some(AdjustmentKind::Penalty), Some(false)) => Reading::not(text!(
            vi: "khoản điểm trừ nhưng cách tính ghi \"cộng\"",
            en: "a penalty item whose rule says \"cộng\" (on)"
        )),
        _ => Reading::exact(json!({ "kind": "count", "unit": unit, "per": plain(n) })),
    })
}

/// One per-case statement: (points, off?, unit). "mỗi <thing> [bị] trừ N điểm", "mỗi
/// <thing>: cộng N điểm", "N điểm mỗi <unit>", "trừ N điểm cho mỗi <thing>".
fn one_case(p: &[Tok]) -> Option<(Decimal, Option<bool>, String)> {
    let thing = |toks: &[Tok]| -> Option<String> {
        let words: Vec<&str> = toks
            .iter()
            .map(|t| match t {
                Tok::Word(w) if neutral(w) || w == "trên" || w == "lần" => Some(w.as_str()),
                _ => None,
            })
            .collect::<Option<_>>()?;
        (!words.is_empty()).then(|| words.join(" "))
    };
    let unit_of = |t: &str| {
        ITEM_UNITS
            .iter()
            .chain(COUNT_UNITS)
            .find(|u| t == **u || t.starts_with(&format!("{u} ")))
            .map_or("trường hợp".to_string(), |u| u.to_string())
    };
    let mut c = Cur::new(p);
    if c.words("mỗi") {
        let start = c.at;
        let end = p
            .iter()
            .position(|t| t.is_sym(':') || t.is_word("trừ") || t.is_word("cộng"))?;
        let mut stop = end;
        while stop > start && (p[stop - 1].is_word("bị") || p[stop - 1].is_word("được")) {
            stop -= 1;
        }
        let named = thing(&p[start..stop])?;
        let mut c = Cur::new(&p[stop..]);
        c.any(&["bị", "được"]);
        c.sym(':');
        c.any(&["bị", "được"]);
        let minus = if c.words("trừ") {
            true
        } else if c.words("cộng") {
            false
        } else {
            return None;
        };
        let n = c.num()?;
        return (c.any(&["điểm", "đ"]) && c.done()).then(|| (n, Some(minus), unit_of(&named)));
    }
    let mut c = Cur::new(p);
    let minus = c.words("trừ");
    let n = c.num()?;
    if !c.any(&["điểm", "đ"]) {
        return None;
    }
    c.any(&["cho"]);
    if !c.words("mỗi") {
        return None;
    }
    let named = thing(c.rest())?;
    // "1 điểm mỗi ứng dụng" names its unit exactly, and neither adds nor takes off.
    Some(if minus {
        (n, Some(true), unit_of(&named))
    } else {
        (n, None, named)
    })
}

/// "Ban hành đến hết ngày 15/01/2026: 1 điểm; sau thời hạn: 0,5 điểm; không ban hành: 0
/// điểm".
fn deadline(all: &[&[Tok]], max: Decimal) -> Option<Reading> {
    let [on, late, never] = all else { return None };
    let mut c = Cur::new(on);
    if !(c.words("ban hành") && c.any(&["đến hết ngày", "đến ngày"])) {
        return None;
    }
    let d = c.num()?;
    let (m, y) = (c.sym('/').then(|| c.num())??, c.sym('/').then(|| c.num())??);
    if !c.sym(':') || fixed_points(c.rest(), max)? != max {
        return None;
    }
    let mut c = Cur::new(late);
    c.any(&["ban hành"]);
    if !(c.any(&["sau thời hạn", "chậm", "không kịp thời"]) && c.sym(':')) {
        return None;
    }
    let late = fixed_points(c.rest(), max)?;
    let mut c = Cur::new(never);
    if !(c.words("không ban hành") && c.sym(':')) || !fixed_points(c.rest(), max)?.is_zero() {
        return None;
    }
    let due = format!("{y:04}-{m:02}-{d:02}");
    crate::value::parse_date(&due)?;
    Some(Reading::exact(
        json!({ "kind": "deadline", "due": due, "late": plain(late) }),
    ))
}

/// Points as a plain figure: "2 điểm", "02 điểm", "1đ", "0,5", "điểm tối đa".
fn fixed_points(toks: &[Tok], max: Decimal) -> Option<Decimal> {
    match points(toks, max)? {
        Pts::Fixed(p) => Some(p),
        Pts::Share(_) => None,
    }
}

enum Pts {
    Fixed(Decimal),
    /// A share of the maximum, in percent.
    Share(Decimal),
}

/// Points as written after the colon: a figure, the maximum, a share of it, or the maximum
/// less a figure or a share. Every token must be used.
fn points(toks: &[Tok], max: Decimal) -> Option<Pts> {
    let mut c = Cur::new(toks);
    c.any(&[
        "được tính",
        "được chấm",
        "được",
        "tính",
        "chấm",
        "cho",
        "đạt",
    ]);
    let at = c.at;
    if c.any(&["điểm tối đa", "tối đa", "số điểm tối đa"]) && c.done() {
        return Some(Pts::Fixed(max));
    }
    c.at = at;
    if c.words("trừ") {
        if let Some(p) = c.pct() {
            c.any(&["số điểm", "điểm"]);
            return (c.done() && p <= Decimal::ONE_HUNDRED)
                .then(|| Pts::Share(Decimal::ONE_HUNDRED - p));
        }
        let n = c.num()?;
        return (c.any(&["điểm", "đ"]) && c.done() && n <= max).then(|| Pts::Fixed(max - n));
    }
    if let Some(p) = c.pct() {
        c.any(&["số điểm tối đa", "điểm tối đa", "số điểm", "điểm"]);
        if c.sym('(') {
            let n = c.num()?;
            if !(c.any(&["điểm", "đ"]) && c.sym(')')) || round2(p * max / Decimal::ONE_HUNDRED) != n
            {
                return None;
            }
        }
        return (c.done() && p <= Decimal::ONE_HUNDRED).then_some(Pts::Share(p));
    }
    let n = c.num()?;
    if c.sym('/') {
        let b = c.num()?;
        if !(c.sym('x') && c.any(&["điểm tối đa", "số điểm tối đa"]) && c.done()) || b.is_zero()
        {
            return None;
        }
        let share = n / b * Decimal::ONE_HUNDRED;
        return (share == share.round_dp(2) && share <= Decimal::ONE_HUNDRED)
            .then_some(Pts::Share(share));
    }
    c.any(&["điểm", "đ"]);
    (c.done() && n <= max).then_some(Pts::Fixed(n))
}

fn pts_json(p: &Pts) -> Value {
    match p {
        Pts::Fixed(n) => json!(plain(*n)),
        Pts::Share(s) => json!(format!("{}%", plain(*s))),
    }
}

/// "condition: points" segments: percentage bands, count bands or levels.
fn segments(main: &[&Clause], max: Decimal) -> Reading {
    let mut split = Vec::new();
    for c in main {
        let Some(colon) = c.toks.iter().rposition(|t| t.is_sym(':')) else {
            return Reading::not(text!(
                vi: "không đọc hết được \"{w}\": không phải dạng \"điều kiện: số điểm\" hay một cách tính đã biết",
                en: "cannot account for \"{w}\": neither \"condition: points\" nor a known rule",
                w = show(c.toks)
            ));
        };
        let Some(p) = points(&c.toks[colon + 1..], max) else {
            let w = show(&c.toks[colon + 1..]);
            let above = match points(&c.toks[colon + 1..], Decimal::MAX) {
                Some(Pts::Fixed(n)) => Some(n),
                _ => None,
            };
            return Reading::not(match above {
                Some(n) => {
                    let (mv, me) = (
                        show_exact(max, crate::lang::Lang::Vi),
                        show_exact(max, crate::lang::Lang::En),
                    );
                    let (nv, ne) = (
                        show_exact(n, crate::lang::Lang::Vi),
                        show_exact(n, crate::lang::Lang::En),
                    );
                    text!(
                        vi: "mức {nv} điểm vượt điểm tối đa {mv}",
                        en: "a level worth {ne} points exceeds the maximum {me}"
                    )
                }
                None => text!(
                    vi: "không đọc được số điểm \"{w}\"",
                    en: "cannot read the points \"{w}\""
                ),
            });
        };
        let mut a = 0;
        // Lettered options: "a) Có", "- Không".
        if matches!((c.toks.first(), c.toks.get(1)), (Some(Tok::Word(w)), Some(Tok::Sym(')'))) if w.chars().count() == 1)
        {
            a = 2;
        } else if c
            .toks
            .first()
            .is_some_and(|t| t.is_sym('-') || t.is_sym('+') || t.is_sym('•'))
        {
            a = 1;
        }
        split.push((&c.toks[a..colon], c.written(a, colon), p));
    }
    let labels: Vec<String> = split.iter().map(|(_, l, _)| l.clone()).collect();
    let has_pct = split
        .iter()
        .any(|(t, _, _)| t.iter().any(|x| matches!(x, Tok::Pct(_))));
    let counted = split.iter().any(|(t, _, _)| {
        t.windows(2).any(|w| {
            matches!(w[0], Tok::Num(_))
                && COUNT_UNITS
                    .iter()
                    .any(|u| u.split(' ').next().is_some_and(|f| w[1].is_word(f)))
        })
    });
    let units = CountUnit(COUNT_UNITS);
    if has_pct || counted {
        let domain = if has_pct {
            Domain::Percent
        } else {
            Domain::Count
        };
        let mut unit = None;
        let mut sets = Vec::new();
        for (t, _, _) in &split {
            let t: Vec<Tok> = percent_ranges(t, domain);
            match condition(&t, domain, &units, &mut unit) {
                Ok(s) => sets.push(s),
                Err(why) => return Reading::not(why),
            }
        }
        let mut pts: Vec<Value> = split.iter().map(|(_, _, p)| pts_json(p)).collect();
        let mut labels = labels;
        let mut assumed = Vec::new();
        if domain == Domain::Count {
            top_goes_on(&mut sets);
            if !sets
                .iter()
                .any(|s| matches!(s, Stated::Rest) || covers_zero(s))
            {
                let least = least_stated(&sets);
                let u = unit.clone().unwrap_or_else(|| "lần".into());
                let (lv, le) = (format!("{least} {u}"), format!("{least} ({u})"));
                assumed.push(text!(
                    vi: "bảng không nói số điểm khi dưới {lv}: coi là 0 điểm",
                    en: "the table does not say what fewer than {le} scores: taken as 0 points"
                ));
                sets.push(Stated::Rest);
                pts.push(json!("0"));
                labels.push("còn lại".into());
            }
        }
        let conds = match conditions(&sets, domain, &labels) {
            Ok(c) => c,
            Err(why) => return Reading::not(why),
        };
        let bands: Vec<Value> = conds
            .iter()
            .map(|(i, c)| json!({ "when": when(c), "points": pts[*i] }))
            .collect();
        let rule = match domain {
            Domain::Percent => json!({ "kind": "bands", "bands": bands }),
            Domain::Count => {
                json!({ "kind": "count", "unit": unit.unwrap_or_else(|| "lần".into()), "bands": bands })
            }
        };
        return Reading {
            rule: Some(rule),
            assumed,
            why: None,
        };
    }
    let mut levels = Vec::new();
    for (t, label, p) in &split {
        if t.is_empty() || label.trim().is_empty() {
            return Reading::not(text!(vi: "một mức không có tên", en: "a level has no label"));
        }
        if t.iter().any(|x| x.is_word("mỗi")) {
            return Reading::not(text!(
                vi: "mức \"{label}\" tính theo từng trường hợp (\"mỗi\") nhưng không đọc được số điểm mỗi trường hợp",
                en: "the level \"{label}\" counts per case (\"mỗi\") but the points per case cannot be read"
            ));
        }
        let mut o = Map::new();
        o.insert("label".into(), json!(label.trim()));
        o.insert("points".into(), pts_json(p));
        levels.push(Value::Object(o));
    }
    Reading::exact(json!({ "kind": "levels", "levels": levels }))
}

/// "từ 70 - 90%": the first number of a range takes the second's `%`.
fn percent_ranges(t: &[Tok], domain: Domain) -> Vec<Tok> {
    let mut out = t.to_vec();
    if domain != Domain::Percent {
        return out;
    }
    for i in 0..out.len() {
        if let Tok::Num(n) = out[i] {
            let next = out.get(i + 1);
            let joined = next.is_some_and(|x| x.is_sym('-') || x.is_word("đến"))
                && (matches!(out.get(i + 2), Some(Tok::Pct(_)))
                    || (out.get(i + 2).is_some_and(|x| x.is_word("dưới"))
                        && matches!(out.get(i + 3), Some(Tok::Pct(_)))));
            if joined {
                out[i] = Tok::Pct(n);
            }
        }
    }
    out
}

/// A count written alone at the top ("Họp 4 lần/năm: 20 điểm") means that many or more.
fn top_goes_on(sets: &mut [Stated]) {
    if sets.iter().any(|s| matches!(s, Stated::Rest)) {
        return;
    }
    let highest = sets
        .iter()
        .filter_map(|s| match s {
            Stated::Set { ivs, .. } => ivs.iter().map(|v| v.hi.unwrap_or(Decimal::MAX)).max(),
            Stated::Rest => None,
        })
        .max();
    for s in sets.iter_mut() {
        if let Stated::Set {
            ivs,
            bare: true,
            open,
            ..
        } = s
        {
            if ivs.len() == 1 && ivs[0].hi == highest {
                ivs[0].hi = None;
                *open = true;
            }
        }
    }
}

fn covers_zero(s: &Stated) -> bool {
    matches!(s, Stated::Set { ivs, .. } if ivs.iter().any(|v| v.lo.is_zero() && v.lo_closed))
}

fn least_stated(sets: &[Stated]) -> Decimal {
    sets.iter()
        .filter_map(|s| match s {
            Stated::Set { ivs, .. } => ivs.iter().map(|v| v.lo).min(),
            Stated::Rest => None,
        })
        .min()
        .unwrap_or_default()
}

fn when(c: &crate::criteria::Cond) -> String {
    use crate::criteria::Cond;
    match c {
        Cond::Gt(t) => format!(">{}", plain(*t)),
        Cond::Ge(t) => format!(">={}", plain(*t)),
        Cond::Lt(t) => format!("<{}", plain(*t)),
        Cond::Le(t) => format!("<={}", plain(*t)),
        Cond::Eq(t) => format!("={}", plain(*t)),
        Cond::Else => "else".into(),
    }
}

/// A decimal as the criteria format writes it: `0.5`, `2`.
pub(super) fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}
