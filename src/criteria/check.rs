//! The semantic checks on a criteria tree: every rule a person relies on when they trust
//! that a file's maxima and rules mean what they say.

use super::cond::{count_coverage, coverage, DOMAIN};
use super::{Body, CountScoring, Criteria, Node, RuleInput, RuleKind};
use crate::diag::Diagnostic;
use crate::input::fold;
use crate::lang::Lang;
use crate::lang::Text;
use crate::number::show_points;
use crate::text;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// Every semantic problem in a loaded tree.
pub fn check(c: &Criteria) -> Vec<Diagnostic> {
    check_with(c, &HashSet::new())
}

/// As [`check`], without re-checking sums over nodes whose maximum could not be read
/// (that mistake is already reported).
pub(super) fn check_with(c: &Criteria, unknown_max: &HashSet<String>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let err = |n: &Node, m: Text| {
        Diagnostic::error(&c.source, m)
            .at_line(n.line)
            .for_code(&n.code)
    };
    let mut first_seen: HashMap<&str, &Node> = HashMap::new();
    for n in c.nodes() {
        if n.code.is_empty() {
            continue;
        }
        if let Some(first) = first_seen.get(n.code.as_str()) {
            let at = first.line.map(|l| l.to_string()).unwrap_or("?".into());
            out.push(err(n, text!(vi: "mã bị trùng (đã dùng ở dòng {at})", en: "duplicate code (already used on line {at})")));
        } else {
            first_seen.insert(&n.code, n);
        }
    }
    for area in &c.areas {
        if !is_number(&area.code) {
            let code = &area.code;
            out.push(err(area, text!(vi: "mã lĩnh vực \"{code}\" phải là một số (1, 2, …)", en: "area code \"{code}\" must be a number (1, 2, …)")));
        }
        check_node(area, &err, unknown_max, &mut out);
    }
    out.extend(super::check_sections::check_sections(c, unknown_max));
    let sum: Decimal = c.areas.iter().map(|a| a.max).sum();
    if sum != c.total && !c.areas.iter().any(|a| unknown_max.contains(&a.code)) {
        let (s, t) = (show_points(sum, Lang::Vi), show_points(c.total, Lang::Vi));
        let (se, te) = (show_points(sum, Lang::En), show_points(c.total, Lang::En));
        out.push(
            Diagnostic::error(&c.source, text!(vi: "tổng điểm tối đa các lĩnh vực là {s}, khác \"total\" {t}", en: "the areas' maxima add up to {se}, not the \"total\" {te}"))
                .at_line(Some(1)),
        );
    }
    out
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0')
}

pub(super) fn check_node(
    n: &Node,
    err: &impl Fn(&Node, Text) -> Diagnostic,
    unknown_max: &HashSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    let (maxv, maxe) = (show_points(n.max, Lang::Vi), show_points(n.max, Lang::En));
    if let Some(p) = &n.provenance {
        let official = p.strip_prefix("official:").map(str::trim);
        let modeled = p == "modeled" || p.starts_with("modeled:");
        if official == Some("") || (official.is_none() && !modeled) {
            out.push(err(n, text!(vi: "\"provenance\" \"{p}\": viết \"official: <nguồn nêu đúng như vậy>\", hoặc \"modeled\" / \"modeled: <dựa theo đâu>\"", en: "\"provenance\" \"{p}\": write \"official: <a source that states exactly this>\", or \"modeled\" / \"modeled: <what it follows>\"")));
        }
    }
    match &n.body {
        Body::Invalid => {}
        Body::Children(children) => {
            if children.is_empty() {
                out.push(err(n, text!(vi: "\"children\" rỗng: tiêu chí cha phải có ít nhất một tiêu chí con", en: "empty \"children\": a parent needs at least one child")));
            }
            for child in children {
                let suffix = child.code.strip_prefix(&format!("{}.", n.code));
                if !child.code.is_empty() && !suffix.is_some_and(is_number) {
                    let (cc, pc) = (&child.code, &n.code);
                    out.push(err(child, text!(vi: "mã \"{cc}\" không nằm dưới mã cha \"{pc}\" (cần dạng {pc}.1, {pc}.2, …)", en: "code \"{cc}\" does not sit under its parent \"{pc}\" (expected {pc}.1, {pc}.2, …)")));
                }
                check_node(child, err, unknown_max, out);
            }
            let sum: Decimal = children.iter().map(|c| c.max).sum();
            let unknown = children.iter().any(|c| unknown_max.contains(&c.code));
            if !children.is_empty() && sum != n.max && !unknown {
                let (sv, se) = (show_points(sum, Lang::Vi), show_points(sum, Lang::En));
                out.push(err(n, text!(vi: "điểm tối đa {maxv} khác tổng điểm tối đa của các tiêu chí con ({sv})", en: "maximum {maxe} differs from the sum of its children's maxima ({se})")));
            }
        }
        Body::Rule(rule) => {
            if rule.input == Some(RuleInput::PlanCompletion)
                && !matches!(rule.kind, RuleKind::Bands(_) | RuleKind::Ratio)
            {
                out.push(err(n, text!(vi: "\"input\": \"plan.completion\" là một tỷ lệ %, chỉ dùng với bands hoặc ratio", en: "\"input\": \"plan.completion\" is a percentage and only works with bands or ratio")));
            }
            check_rule(n, &rule.kind, err, out);
            let can_tell = match &rule.kind {
                RuleKind::Deduct { .. } | RuleKind::Count { .. } => true,
                RuleKind::Levels(levels) => levels.iter().any(|l| l.none),
                _ => false,
            };
            if n.evidence.iter().any(|e| e.if_happened) && !can_tell {
                out.push(err(n, text!(vi: "tài liệu \"required\": \"if_happened\" cần quy tắc cho biết có chuyện xảy ra hay không: deduct, count, hoặc levels có một mức \"none\": true", en: "evidence \"required\": \"if_happened\" needs a rule that tells whether something happened: deduct, count, or levels with a \"none\": true level")));
            }
        }
    }
}

fn check_rule(
    n: &Node,
    kind: &RuleKind,
    err: &impl Fn(&Node, Text) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    let (maxv, maxe) = (show_points(n.max, Lang::Vi), show_points(n.max, Lang::En));
    let in_range = |p: Decimal| p >= Decimal::ZERO && p <= n.max;
    match kind {
        RuleKind::Levels(levels) => {
            let mut seen: Vec<String> = Vec::new();
            for l in levels {
                let label = &l.label;
                let as_number = crate::number::parse_decimal(label);
                if let Some(other) = levels
                    .iter()
                    .find(|o| !std::ptr::eq(*o, l) && Some(o.points.value) == as_number)
                {
                    let (ol, pv, pe) = (
                        &other.label,
                        show_points(other.points.value, Lang::Vi),
                        show_points(other.points.value, Lang::En),
                    );
                    out.push(err(n, text!(vi: "mức \"{label}\" đọc như một con số trùng với số điểm của mức \"{ol}\" ({pv} điểm): kê khai \"{label}\" sẽ không rõ là mức nào; đặt nhãn bằng chữ (ví dụ \"{label} lần\")", en: "level \"{label}\" reads as a number equal to the points of level \"{ol}\" ({pe} points): a declared \"{label}\" would be ambiguous; label it in words (e.g. \"{label} lần\")")));
                }
                let folded = fold(label);
                if seen.contains(&folded) {
                    out.push(err(n, text!(vi: "mức \"{label}\" bị trùng", en: "level \"{label}\" appears twice")));
                }
                seen.push(folded);
                if !in_range(l.points.value) {
                    let (pv, pe) = (
                        show_points(l.points.value, Lang::Vi),
                        show_points(l.points.value, Lang::En),
                    );
                    out.push(err(n, text!(vi: "mức \"{label}\": {pv} điểm nằm ngoài 0..{maxv}", en: "level \"{label}\": {pe} points is outside 0..{maxe}")));
                }
            }
        }
        RuleKind::Bands(bands) => {
            for b in bands {
                if let Some(t) = b
                    .when
                    .threshold()
                    .filter(|t| *t < DOMAIN.0 || *t > DOMAIN.1)
                {
                    let (tv, te) = (show_points(t, Lang::Vi), show_points(t, Lang::En));
                    out.push(err(n, text!(vi: "ngưỡng {tv}% nằm ngoài 0..100%", en: "threshold {te}% is outside 0..100%")));
                }
                if !in_range(b.points.value) {
                    let (pv, pe) = (
                        show_points(b.points.value, Lang::Vi),
                        show_points(b.points.value, Lang::En),
                    );
                    let (wv, we) = (
                        super::describe_when(b.when, Lang::Vi),
                        super::describe_when(b.when, Lang::En),
                    );
                    out.push(err(n, text!(vi: "khoảng \"{wv}\": {pv} điểm nằm ngoài 0..{maxv}", en: "band \"{we}\": {pe} points is outside 0..{maxe}")));
                }
            }
            let (regions, gaps) = coverage(bands);
            for (i, region) in regions.iter().enumerate() {
                let out_of_domain = bands[i]
                    .when
                    .threshold()
                    .is_some_and(|t| t < DOMAIN.0 || t > DOMAIN.1);
                if region.is_empty() && !out_of_domain {
                    let k = i + 1;
                    out.push(err(n, text!(vi: "khoảng thứ {k} không bao giờ được áp dụng: các khoảng phải xếp theo thứ tự, khoảng trước đã bao phủ nó", en: "band {k} can never apply: bands must be in order, and earlier bands already cover it")));
                }
            }
            if let Some(g) = gaps.first() {
                let (gv, ge) = (show_points(*g, Lang::Vi), show_points(*g, Lang::En));
                out.push(err(n, text!(vi: "giá trị {gv}% không thuộc khoảng nào; thêm khoảng \"else\" hoặc sửa ngưỡng", en: "the value {ge}% falls in no band; add an \"else\" band or fix the thresholds")));
            }
        }
        RuleKind::Ratio => {}
        RuleKind::Count {
            scoring: CountScoring::Per(per),
            ..
        } => {
            if *per <= Decimal::ZERO {
                out.push(err(
                    n,
                    text!(vi: "\"per\" phải lớn hơn 0", en: "\"per\" must be greater than 0"),
                ));
            }
        }
        RuleKind::Count {
            scoring: CountScoring::Bands(bands),
            ..
        } => {
            for b in bands {
                if b.when.threshold().is_some_and(|t| t < Decimal::ZERO) {
                    out.push(err(n, text!(vi: "ngưỡng số lượng phải từ 0 trở lên", en: "a count threshold must be 0 or more")));
                }
                if !in_range(b.points.value) {
                    let (pv, pe) = (
                        show_points(b.points.value, Lang::Vi),
                        show_points(b.points.value, Lang::En),
                    );
                    out.push(err(n, text!(vi: "một khoảng có {pv} điểm, nằm ngoài 0..{maxv}", en: "a band gives {pe} points, outside 0..{maxe}")));
                }
            }
            let (regions, gaps) = count_coverage(bands);
            for (i, region) in regions.iter().enumerate() {
                if region.is_empty() {
                    let k = i + 1;
                    out.push(err(n, text!(vi: "khoảng thứ {k} không bao giờ được áp dụng với số lượng là số nguyên: các khoảng phải xếp theo thứ tự", en: "band {k} can never apply to a whole-number count: bands must be in order")));
                }
            }
            if let Some(g) = gaps.first() {
                out.push(err(n, text!(vi: "số lượng {g} không thuộc khoảng nào; thêm khoảng \"else\" hoặc sửa ngưỡng", en: "the count {g} falls in no band; add an \"else\" band or fix the thresholds")));
            }
        }
        RuleKind::Deduct { per } => {
            if *per <= Decimal::ZERO {
                out.push(err(
                    n,
                    text!(vi: "\"per\" phải lớn hơn 0", en: "\"per\" must be greater than 0"),
                ));
            }
        }
        RuleKind::Deadline { late, .. } => {
            if !in_range(*late) {
                let (lv, le) = (show_points(*late, Lang::Vi), show_points(*late, Lang::En));
                out.push(err(n, text!(vi: "\"late\" {lv} điểm phải nằm trong 0..{maxv}", en: "\"late\" {le} points must be within 0..{maxe}")));
            }
        }
        RuleKind::Manual { step } => {
            if *step <= Decimal::ZERO {
                out.push(err(
                    n,
                    text!(vi: "\"step\" phải lớn hơn 0", en: "\"step\" must be greater than 0"),
                ));
            } else if !(n.max % *step).is_zero() {
                let (sv, se) = (show_points(*step, Lang::Vi), show_points(*step, Lang::En));
                out.push(err(n, text!(vi: "\"step\" {sv} không chia hết điểm tối đa {maxv}", en: "\"step\" {se} does not divide the maximum {maxe}")));
            }
        }
    }
}
