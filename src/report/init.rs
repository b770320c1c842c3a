//! What `init` tells the user: the files it made, each with its purpose, and the next
//! commands to run.

use super::words::Words;
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
    let d = crate::fsio::shown(dir);
    let (unit, year) = (&s.unit, s.year);
    let w = Words(lang);
    let mut out = w.t(
        format_args!("Đã tạo hồ sơ {d} cho {unit}, năm {year}:\n"),
        format_args!("Created dossier {d} for {unit}, year {year}:\n"),
    );
    let criteria = &s.criteria;
    let mut line = |text: String| {
        out.push_str("  ");
        out.push_str(&text);
        out.push('\n');
    };
    line(w.t(
        format_args!("dossier.json  thông tin hồ sơ; tiêu chí: {criteria}"),
        format_args!("dossier.json  the settings; criteria: {criteria}"),
    ));
    line(w.t(
        format_args!("scores.csv    phiếu chấm trống, {leaves} tiêu chí lá; điền cột \"value\""),
        format_args!(
            "scores.csv    a blank score sheet, {leaves} leaves; fill in the \"value\" column"
        ),
    ));
    line(
        w.pick(
            "manifest.csv  danh mục tài liệu kiểm chứng (chỉ có dòng tiêu đề)",
            "manifest.csv  the evidence list (header only)",
        )
        .into(),
    );
    match plan {
        Some((n, from)) => line(w.t(
            format_args!("plan.csv      {n} nhiệm vụ chép từ kế hoạch năm {from}: trạng thái để trống, năm trong hạn đổi thành {year}"),
            format_args!("plan.csv      {n} tasks copied from the {from} plan: status emptied, the year in each due changed to {year}"),
        )),
        None => line(
            w.pick(
                "plan.csv      kế hoạch CCHC (chỉ có dòng tiêu đề)",
                "plan.csv      the reform plan (header only)",
            )
            .into(),
        ),
    }
    line(
        w.pick(
            "files/        nơi để tệp tài liệu kiểm chứng",
            "files/        where the evidence files go",
        )
        .into(),
    );
    out.push_str(&w.t(
        format_args!("Tiếp theo: điền scores.csv, rồi chạy: parscore score {d}\n"),
        format_args!("Next: fill in scores.csv, then run: parscore score {d}\n"),
    ));
    out
}
