//! `parscore evidence`: the Office's checklist, by area, largest points first, then the
//! totals (self-assessed points, points at risk, the strict score).

use super::table::{new_table, Width};
use super::words::Words;
use crate::evidence::{area_of, Assessment, Kind};
use crate::lang::Lang;
use crate::number::machine;
use crate::scoring::ScoreSheet;
use rust_decimal::Decimal;

/// The lead unit, or a word that says the plan does not name one.
fn lead_or_none(lead: &Option<String>, lang: Lang) -> String {
    match lead {
        Some(l) => l.clone(),
        None => Words(lang)
            .pick("(không có trong kế hoạch)", "(not in the plan)")
            .into(),
    }
}

/// The first `n` cells of a row.
fn take(n: usize, mut cells: Vec<String>) -> Vec<String> {
    cells.truncate(n);
    cells
}

/// English needs a plural; Vietnamese does not.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// `evidence/2026/manifest.csv` and line 12 → `manifest.csv:12`.
fn place(file: &str, line: Option<usize>) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    match line {
        Some(l) => format!("{name}:{l}"),
        None => file.to_string(),
    }
}

/// The checklist; without a plan (`has_plan` false) the lead-unit column is left out and
/// one line says why, rather than a "not in the plan" on every row.
pub fn table(
    s: &ScoreSheet,
    a: &Assessment,
    manifest: &str,
    has_plan: bool,
    lang: Lang,
    width: Width,
) -> String {
    let w = Words(lang);
    let p = |d: Decimal| w.points(d);
    let (unit, year, documents) = (&s.unit, s.year, a.documents);
    let mut out = w.t(
        format_args!(
            "{unit} — năm {year} — tài liệu kiểm chứng — {manifest}: {documents} văn bản\n"
        ),
        format_args!("{unit} — year {year} — evidence — {manifest}: {documents} documents\n"),
    );
    if !has_plan {
        out.push_str(w.pick(
            "Hồ sơ không có plan.csv nên chưa biết đơn vị chủ trì của từng tiêu chí.\n",
            "The dossier has no plan.csv, so the lead unit of each criterion is not known.\n",
        ));
    }
    let mut areas: Vec<(&str, &str)> = s
        .areas()
        .map(|n| (n.code.as_str(), n.name.as_str()))
        .collect();
    areas.push((
        "~",
        w.pick("Không gắn với tiêu chí", "Not tied to a criterion"),
    ));
    for (code, name) in areas {
        let missing: Vec<_> = a
            .missing
            .iter()
            .filter(|m| area_of(&m.code) == code)
            .collect();
        let problems: Vec<_> = a
            .problems
            .iter()
            .filter(|x| x.code.as_deref().map(area_of).unwrap_or("~") == code)
            .collect();
        if missing.is_empty() && problems.is_empty() {
            continue;
        }
        let risk: Decimal = missing.iter().map(|m| m.points).sum();
        let title = match code {
            "~" => name.to_string(),
            _ => w.t(
                format_args!("Lĩnh vực {code}. {name}"),
                format_args!("Area {code}. {name}"),
            ),
        };
        out.push('\n');
        out.push_str(&match risk > Decimal::ZERO {
            true => {
                let (r, points) = (
                    p(risk),
                    plural(usize::from(risk != Decimal::ONE) + 1, "point", "points"),
                );
                w.t(
                    format_args!("{title} — có nguy cơ bị trừ {r} điểm\n"),
                    format_args!("{title} — {r} {points} at risk\n"),
                )
            }
            false => format!("{title}\n"),
        });
        let header = [
            w.pick("Mã", "Code"),
            w.pick("Vấn đề", "Problem"),
            w.pick("Điểm", "Points"),
            w.pick("Chi tiết", "Detail"),
            w.pick("Vị trí", "Where"),
            w.pick("Đơn vị chủ trì", "Lead unit"),
        ];
        let columns = if has_plan { 6 } else { 5 };
        let mut t = new_table(
            header.iter().take(columns).map(|h| h.to_string()).collect(),
            &[2],
            width,
        );
        for m in missing {
            let mut what = m.items.join("; ");
            for x in &m.assumed {
                let (document, item, about) = (&x.document, x.item, &x.what);
                what.push_str(&w.t(
                    format_args!(" ({document} không ghi số tài liệu: được tính là tài liệu số {item}, {about})"),
                    format_args!(" ({document} names no item number: taken as item {item}, {about})"),
                ));
            }
            t.add_row(take(
                columns,
                vec![
                    m.code.clone(),
                    w.pick("thiếu tài liệu kiểm chứng", "missing evidence")
                        .into(),
                    p(m.points),
                    w.t(
                        format_args!("Còn thiếu: {what}"),
                        format_args!("Missing: {what}"),
                    ),
                    String::new(),
                    lead_or_none(&m.lead, lang),
                ],
            ));
        }
        for x in problems {
            t.add_row(take(
                columns,
                vec![
                    x.code.clone().unwrap_or_default(),
                    kind_label(x.kind, lang).into(),
                    x.points.map(p).unwrap_or_default(),
                    x.message.get(lang).to_string(),
                    place(&x.file, x.line),
                    if x.code.is_some() {
                        lead_or_none(&x.lead, lang)
                    } else {
                        String::new()
                    },
                ],
            ));
        }
        out.push_str(&format!("{t}\n"));
    }
    if a.is_clean() {
        out.push_str(w.pick(
            "\nMọi tiêu chí đã chấm đều có đủ tài liệu kiểm chứng; không có văn bản nào cần xem lại.\n",
            "\nEvery scored leaf has all its required evidence; no document needs a second look.\n",
        ));
    }
    let t = &s.totals;
    let (n_missing, n_problems) = (a.missing.len(), a.problems.len());
    out.push('\n');
    let (own, own_max, risk) = (p(t.self_achieved), p(t.self_max), p(a.at_risk));
    let own_strict = p(t.self_achieved - area_risk(s, a));
    let (projected, strict) = (
        p(t.points),
        p(s.strict_points().unwrap_or(t.points - a.at_risk)),
    );
    let (leaves, problems) = (
        plural(n_missing, "leaf", "leaves"),
        plural(n_problems, "problem", "problems"),
    );
    out.push_str(&w.t(
        format_args!(
            "Tổng kết: {n_missing} tiêu chí thiếu tài liệu, {n_problems} vấn đề cần xem lại\n\
             \x20 Điểm đơn vị tự chấm: {own} / {own_max}\n\
             \x20 Điểm có nguy cơ bị trừ do thiếu tài liệu kiểm chứng: {risk}\n\
             \x20 Điểm tự chấm nếu Hội đồng trừ hết (điểm chặt): {own_strict}\n\
             \x20 Tổng điểm dự kiến kể cả điều tra XHH: {projected} — điểm chặt: {strict}\n"
        ),
        format_args!(
            "Summary: {n_missing} {leaves} missing evidence, {n_problems} {problems} to look at\n\
             \x20 Self-scored points: {own} / {own_max}\n\
             \x20 Points at risk for missing evidence: {risk}\n\
             \x20 Self-scored points if the council zeroes them all (strict): {own_strict}\n\
             \x20 Projected total including the survey: {projected} — strict: {strict}\n"
        ),
    ));
    if a.doubtful > Decimal::ZERO {
        let d = p(a.doubtful);
        out.push_str(&w.t(
            format_args!("  Điểm có thể mất nếu Hội đồng tính theo ngày văn bản: {d}\n"),
            format_args!(
                "  Points that may be lost if the council goes by the documents' dates: {d}\n"
            ),
        ));
    }
    out
}

/// The stable JSON form (see `docs/dossier-format.md`).
pub fn json(s: &ScoreSheet, a: &Assessment, manifest: &str, lang: Lang) -> serde_json::Value {
    use serde_json::json;
    let t = &s.totals;
    let missing: Vec<_> = a
        .missing
        .iter()
        .map(|m| {
            json!({
                "code": m.code, "name": m.name, "points": machine(m.points),
                "what": m.items.join("; "), "items": m.items, "lead": m.lead,
                "assumed": m.assumed.iter().map(|x| json!({
                    "document": x.document, "item": x.item, "what": x.what,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let problems: Vec<_> = a
        .problems
        .iter()
        .map(|x| {
            json!({
                "kind": x.kind.key(), "code": x.code, "file": x.file, "line": x.line,
                "document": x.document, "message": x.message.get(lang),
                "points": x.points.map(machine), "lead": x.lead,
            })
        })
        .collect();
    let areas: Vec<_> = s
        .areas()
        .map(
            |n| json!({"code": n.code, "name": n.name, "at_risk": machine(a.at_risk_for(&n.code))}),
        )
        .collect();
    json!({
        "unit": s.unit, "year": s.year, "as_of": crate::value::iso_date(s.as_of), "manifest": manifest,
        "documents": a.documents,
        "self_assessed": machine(t.self_achieved),
        "projected_total": machine(t.points),
        "at_risk": machine(a.at_risk),
        "strict_self": machine(t.self_achieved - area_risk(s, a)),
        "strict_total": machine(s.strict_points().unwrap_or(t.points - a.at_risk)),
        "doubtful": machine(a.doubtful),
        "areas": areas,
        "missing": missing,
        "problems": problems,
    })
}

/// The points at risk in the areas' leaves, without the bonus items'.
fn area_risk(s: &ScoreSheet, a: &Assessment) -> Decimal {
    let bonus: Decimal = s
        .adjustments
        .iter()
        .flat_map(|adj| &adj.items)
        .map(|i| a.at_risk_for(&i.score.code))
        .sum();
    a.at_risk - bonus
}

/// A kind of doubt as a column of the checklist.
pub fn kind_label(kind: Kind, lang: Lang) -> &'static str {
    let (vi, en) = match kind {
        Kind::UnsafePath => ("đường dẫn bị từ chối", "path refused"),
        Kind::FileMissing => ("không có tệp", "file missing"),
        Kind::FileUnreadable => ("không đọc được tệp", "file unreadable"),
        Kind::FileEmpty => ("tệp rỗng", "empty file"),
        Kind::FileUnlisted => ("tệp chưa kê khai", "file not listed"),
        Kind::BadDate => ("ngày không hợp lệ", "invalid date"),
        Kind::OutsideYear => ("ngày ngoài năm đánh giá", "dated outside the year"),
        Kind::AfterAsOf => ("ngày sau thời điểm đánh giá", "dated after as_of"),
        Kind::DeadlineMismatch => ("ngày ban hành không khớp", "issue date disagrees"),
        Kind::IssuedLate => ("ban hành sau hạn", "issued late"),
        Kind::UnknownCode => ("mã không có", "unknown code"),
        Kind::BadReference => ("tham chiếu sai", "bad reference"),
        Kind::UnknownDocument => ("mã văn bản không có", "unknown document id"),
        Kind::DuplicateId => ("trùng mã văn bản", "duplicate id"),
        Kind::DuplicateContent => ("trùng nội dung", "same content"),
        Kind::NameAlias => ("tên tệp ghi khác", "name spelled otherwise"),
    };
    Words(lang).pick(vi, en)
}
