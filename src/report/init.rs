//! What `init` tells the user: the files it made, each with its purpose, and the next
//! commands to run.

use crate::dossier::create::NewSettings;
use crate::lang::Lang;
use std::path::Path;

/// The summary after a new dossier is made; `plan` is (tasks, the year they came from)
/// when the plan was copied.
pub fn created(
    dir: &Path,
    s: &NewSettings,
    leaves: usize,
    plan: Option<(usize, i32)>,
    lang: Lang,
) -> String {
    let d = dir.display();
    let (unit, year) = (&s.unit, s.year);
    let vi = lang == Lang::Vi;
    let mut out = if vi {
        format!("Đã tạo hồ sơ {d} cho {unit}, năm {year}:\n")
    } else {
        format!("Created dossier {d} for {unit}, year {year}:\n")
    };
    let criteria = &s.criteria;
    let mut line = |vi_text: String, en_text: String| {
        out.push_str("  ");
        out.push_str(if vi { &vi_text } else { &en_text });
        out.push('\n');
    };
    line(
        format!("dossier.json  thông tin hồ sơ; tiêu chí: {criteria}"),
        format!("dossier.json  the settings; criteria: {criteria}"),
    );
    line(
        format!("scores.csv    phiếu chấm trống, {leaves} tiêu chí lá; điền cột \"value\""),
        format!("scores.csv    a blank score sheet, {leaves} leaves; fill in the \"value\" column"),
    );
    line(
        "manifest.csv  danh mục tài liệu kiểm chứng (chỉ có dòng tiêu đề)".into(),
        "manifest.csv  the evidence list (header only)".into(),
    );
    match plan {
        Some((n, from)) => line(
            format!("plan.csv      {n} nhiệm vụ chép từ kế hoạch năm {from}: trạng thái để trống, năm trong hạn đổi thành {year}"),
            format!("plan.csv      {n} tasks copied from the {from} plan: status emptied, the year in each due changed to {year}"),
        ),
        None => line(
            "plan.csv      kế hoạch CCHC (chỉ có dòng tiêu đề)".into(),
            "plan.csv      the reform plan (header only)".into(),
        ),
    }
    line(
        "files/        nơi để tệp tài liệu kiểm chứng".into(),
        "files/        where the evidence files go".into(),
    );
    out.push_str(&if vi {
        format!("Tiếp theo: điền scores.csv, rồi chạy: parscore score {d}\n")
    } else {
        format!("Next: fill in scores.csv, then run: parscore score {d}\n")
    });
    out
}
