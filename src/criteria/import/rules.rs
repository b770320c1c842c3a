//! The "Cách tính điểm" column read back into rules: the inverse of `criteria::wording`.
//! Each common phrasing becomes the rule it states — labelled levels ("Ban hành kịp thời:
//! 1; không kịp thời: 0,5; không ban hành: 0"), percentage bands ("Trên 90%: 2 điểm; từ 70%
//! đến 90%: 1 điểm; dưới 70%: 0"), a ratio ("Tỷ lệ × điểm tối đa"), a deduction per case
//! ("mỗi trường hợp trừ 0,25 điểm") and count bands ("họp 4 lần/năm: 20 điểm"), with points
//! written as figures, "Điểm tối đa", "75% điểm", "trừ 50% điểm" or "1/2 × điểm tối đa".
//! Anything else is `None`: the caller keeps the words and makes the leaf a manual rule.
//! Bonus and penalty items also read "mỗi sáng kiến: cộng 0,5 điểm" as points per case
//! ([`per_case`]).

use crate::input::{fold, nfc};
use crate::number::parse_decimal;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// Words that name a counted thing after a number ("4 lần").
const COUNT_UNITS: &[&str] = &[
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
];

/// The rule a written rule states, as a `parscore-criteria/1` rule object.
pub fn parse(written: &str, max: Decimal) -> Option<Value> {
    let written = nfc(written.trim());
    let folded = fold(&written)
        .replace(['–', '—', '−'], "-")
        .replace(['×', '*'], " x ");
    if folded.is_empty() {
        return None;
    }
    if is_ratio(&folded) {
        return Some(json!({ "kind": "ratio" }));
    }
    if let Some(per) = deduction(&folded) {
        return Some(json!({ "kind": "deduct", "per": plain(per) }));
    }
    let segments: Vec<(String, String)> = written
        .split([';', '\n'])
        .map(|s| s.trim().trim_end_matches('.').trim())
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.rsplit_once(':')
                .map(|(label, points)| (label.trim().to_string(), points.trim().to_string()))
        })
        .collect::<Option<Vec<_>>>()?;
    let points: Vec<Value> = segments
        .iter()
        .map(|(_, p)| points(p, max))
        .collect::<Option<Vec<_>>>()?;
    let conds: Vec<String> = segments
        .iter()
        .map(|(c, _)| fold(c).replace(['–', '—', '−'], "-"))
        .collect();
    if conds
        .iter()
        .enumerate()
        .all(|(i, c)| c.contains('%') || is_rest(c, i + 1 == conds.len()))
    {
        let bands = conds
            .iter()
            .enumerate()
            .map(|(i, c)| {
                Some(json!({ "when": band(c, i + 1 == conds.len())?, "points": points[i] }))
            })
            .collect::<Option<Vec<_>>>()?;
        return Some(json!({ "kind": "bands", "bands": bands }));
    }
    if let Some(rule) = counts(&conds, &points) {
        return Some(rule);
    }
    let levels: Vec<Value> = segments
        .iter()
        .zip(points)
        .map(|((label, _), p)| json!({ "label": label, "points": p }))
        .collect();
    Some(json!({ "kind": "levels", "levels": levels }))
}

fn is_ratio(t: &str) -> bool {
    (t.contains("tỷ lệ") || t.contains("tỉ lệ"))
        && t.contains("điểm tối đa")
        && (t.contains(" x ") || t.contains("nhân"))
        && !t.contains(':')
}

/// "mỗi trường hợp trừ 0,25 điểm" → 0.25.
fn deduction(t: &str) -> Option<Decimal> {
    let at = t.find("mỗi")?;
    let rest = &t[at..];
    let minus = rest.find("trừ")?;
    let after = rest[minus + "trừ".len()..].trim_start();
    let number: String = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    let per = parse_decimal(number.trim_end_matches([',', '.']))?;
    after[number.len()..]
        .trim_start()
        .starts_with("điểm")
        .then_some(per)
}

/// Points as written after the colon, for a node worth `max`.
fn points(written: &str, max: Decimal) -> Option<Value> {
    let t = fold(written).replace(['×', '*'], " x ");
    let t = t.trim_end_matches('.').trim();
    if t == "điểm tối đa" || t == "tối đa" || t == "đạt điểm tối đa" {
        return Some(json!(plain(max)));
    }
    if let Some(rest) = t.strip_prefix("trừ ") {
        let (figure, unit) = split_number(rest)?;
        return match unit {
            u if u.starts_with('%') => {
                Some(json!(format!("{}%", plain(Decimal::ONE_HUNDRED - figure))))
            }
            u if u.starts_with("điểm") && figure <= max => Some(json!(plain(max - figure))),
            _ => None,
        };
    }
    if let Some((fraction, rest)) = t.split_once(" x ") {
        let (a, b) = fraction.trim().split_once('/')?;
        let (a, b) = (parse_decimal(a.trim())?, parse_decimal(b.trim())?);
        let share = (a / b * Decimal::ONE_HUNDRED).round_dp(2);
        return (rest.trim() == "điểm tối đa" && b > Decimal::ZERO)
            .then(|| json!(format!("{}%", plain(share))));
    }
    let (figure, unit) = split_number(t)?;
    match unit {
        "" | "điểm" => Some(json!(plain(figure))),
        u if u.starts_with('%') => {
            let rest = u[1..].trim();
            matches!(rest, "" | "điểm" | "điểm tối đa" | "số điểm")
                .then(|| json!(format!("{}%", plain(figure))))
        }
        _ => None,
    }
}

/// `"0,5 điểm"` → (0.5, "điểm").
fn split_number(t: &str) -> Option<(Decimal, &str)> {
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let figure = parse_decimal(t[..end].trim_end_matches([',', '.']))?;
    Some((figure, t[end..].trim()))
}

fn is_rest(c: &str, last: bool) -> bool {
    last && (c.starts_with("còn lại")
        || c.contains("trường hợp khác")
        || c.starts_with("không đạt"))
}

/// The percentages in a condition, in order.
fn percents(c: &str) -> Vec<Decimal> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = c.char_indices().collect();
    for (k, (i, ch)) in chars.iter().enumerate() {
        if *ch != '%' {
            continue;
        }
        let start = chars[..k]
            .iter()
            .rev()
            .take_while(|(_, d)| d.is_ascii_digit() || *d == ',' || *d == '.' || *d == ' ')
            .last()
            .map_or(*i, |(j, _)| *j);
        if let Some(d) = parse_decimal(c[start..*i].trim()) {
            out.push(d);
        }
    }
    out
}

/// A band's `when` from its condition; the last "dưới" band is what remains (`else`).
fn band(c: &str, last: bool) -> Option<String> {
    if is_rest(c, last) {
        return Some("else".into());
    }
    let p = percents(c);
    let x = plain(*p.first()?);
    let has = |w: &str| c.contains(w);
    Some(if has("dưới") || has("<") || has("nhỏ hơn") {
        if last {
            "else".into()
        } else {
            format!("<{x}")
        }
    } else if has("trên") || has(">") || has("lớn hơn") {
        format!(">{x}")
    } else if has("từ") || p.len() == 2 || has("trở lên") {
        format!(">={x}")
    } else {
        format!("={x}")
    })
}

/// Count bands ("họp 4 lần/năm: 20 điểm"): every condition but a last catch-all counts
/// things with one unit; the highest count is "or more", a missing rest scores 0.
fn counts(conds: &[String], points: &[Value]) -> Option<Value> {
    let mut unit = None;
    let mut bands = Vec::new();
    for (i, c) in conds.iter().enumerate() {
        let last = i + 1 == conds.len();
        let found = counted(c);
        let Some((n, u)) = found else {
            if last && i > 0 {
                bands.push(json!({ "when": "else", "points": points[i] }));
                continue;
            }
            return None;
        };
        if unit.is_some_and(|x| x != u) {
            return None;
        }
        unit = Some(u);
        let when = if c.contains("dưới") && last {
            "else".to_string()
        } else if c.contains("dưới") {
            format!("<{n}")
        } else if i == 0 || c.contains("trở lên") || c.contains("từ") {
            format!(">={n}")
        } else {
            format!("={n}")
        };
        bands.push(json!({ "when": when, "points": points[i] }));
    }
    if bands.last().is_some_and(|b| b["when"] != "else") {
        bands.push(json!({ "when": "else", "points": "0" }));
    }
    Some(json!({ "kind": "count", "unit": unit?, "bands": bands }))
}

/// The first whole number followed by a count unit: "họp 4 lần/năm" → (4, "lần").
fn counted(c: &str) -> Option<(u64, &'static str)> {
    let mut rest = c;
    while let Some(at) = rest.find(|ch: char| ch.is_ascii_digit()) {
        let digits: String = rest[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let after = rest[at + digits.len()..].trim_start();
        if let Some(u) = COUNT_UNITS.iter().find(|u| after.starts_with(*u)) {
            return Some((digits.parse().ok()?, u));
        }
        rest = &rest[at + digits.len()..];
    }
    None
}

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

/// "Mỗi sáng kiến được công nhận: cộng 0,5 điểm", "mỗi báo cáo gửi chậm trừ 0,25 điểm":
/// points per counted case and the thing counted (by default "trường hợp"), for a bonus or
/// penalty item's `count` rule. One statement only: no bands, no percentages.
pub fn per_case(written: &str) -> Option<(Decimal, String)> {
    let folded = fold(&nfc(written.trim()));
    if folded.contains(';') || folded.contains('%') {
        return None;
    }
    let after = folded.strip_prefix("mỗi ")?;
    let unit = ITEM_UNITS
        .iter()
        .find(|u| after.starts_with(*u))
        .copied()
        .unwrap_or("trường hợp");
    // The first figure followed by "điểm".
    let mut rest = after;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let (figure, tail) = split_number(&rest[at..])?;
        if tail.starts_with("điểm") {
            return (figure > Decimal::ZERO).then(|| (figure, unit.to_string()));
        }
        let used = rest[at..].len() - tail.len();
        rest = &rest[at + used..];
    }
    None
}

/// A decimal as the criteria format writes it: `0.5`, `2`.
fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(s: &str, max: i64) -> Value {
        parse(s, Decimal::from(max)).unwrap_or(Value::Null)
    }

    #[test]
    fn points_per_case_for_bonus_and_penalty_items() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(
            per_case("Mỗi sáng kiến được công nhận: cộng 0,5 điểm"),
            Some((d("0.5"), "sáng kiến".into()))
        );
        assert_eq!(
            per_case("Mỗi báo cáo gửi chậm trừ 0,25 điểm"),
            Some((d("0.25"), "báo cáo".into()))
        );
        assert_eq!(
            per_case("Mỗi vi phạm trong 2 năm: trừ 1 điểm"),
            Some((d("1"), "trường hợp".into()))
        );
        assert_eq!(per_case("Có: 1; Không: 0"), None);
        assert_eq!(per_case("Mỗi trường hợp trừ 50% điểm"), None);
    }

    #[test]
    fn common_wording_becomes_rules() {
        assert_eq!(
            rule("Trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0", 2),
            json!({ "kind": "bands", "bands": [ { "when": ">90", "points": "2" }, { "when": ">=70", "points": "1" }, { "when": "else", "points": "0" } ] })
        );
        assert_eq!(rule("Tỷ lệ × điểm tối đa", 1), json!({ "kind": "ratio" }));
        assert_eq!(
            rule("Mỗi trường hợp trừ 0,25 điểm", 1),
            json!({ "kind": "deduct", "per": "0.25" })
        );
        assert_eq!(
            rule("Họp 4 lần/năm: 20 điểm", 20),
            json!({ "kind": "count", "unit": "lần", "bands": [ { "when": ">=4", "points": "20" }, { "when": "else", "points": "0" } ] })
        );
        assert_eq!(
            rule("Có: Điểm tối đa; Có vi phạm nhẹ: trừ 50% điểm; Hoàn thành tốt: 75% điểm; Một phần: 1/2 × điểm tối đa; Không: 0 điểm", 2)["levels"],
            json!([ { "label": "Có", "points": "2" }, { "label": "Có vi phạm nhẹ", "points": "50%" },
                    { "label": "Hoàn thành tốt", "points": "75%" }, { "label": "Một phần", "points": "50%" },
                    { "label": "Không", "points": "0" } ])
        );
        assert_eq!(
            rule("Thực hiện chưa đầy đủ: trừ điểm tương ứng", 1),
            Value::Null
        );
    }
}
