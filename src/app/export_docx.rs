//! `parscore export DOSSIER --docx FILE [--appeal]`: the self-assessment report, or the
//! explanation letter to the appraisal council, as a Word document. The `report` section
//! of `dossier.json` is checked with the rest of the dossier, every problem reported
//! together; the letter needs the council's points (the `appraised` column of the score
//! sheet) and says where to put them when they are missing.

use super::export_cmd::{refuse_target, write_output};
use super::scored::load_scored_with;
use super::{shown, Outcome};
use crate::diag::Diagnostic;
use crate::dossier::{self, Shared};
use crate::lang::Lang;
use crate::number::{percent_of, show_percent, show_points};
use crate::report::docx;
use crate::{submission, text};
use std::path::Path;

pub fn export_docx(
    path: &Path,
    file: &Path,
    appeal: bool,
    lang: Lang,
    shared: &mut Shared,
) -> Outcome {
    let dir = dossier::locate(path);
    let (info, problems) = match dossier::read_report(&dir, shared.read_options()) {
        Ok(r) => r,
        Err(f) => return Outcome::fatal(f, lang),
    };
    let scored = match load_scored_with(path, "export", lang, problems, shared) {
        Ok(s) => s,
        Err(outcome) => return outcome,
    };
    let d = &scored.dossier;
    if let Some(refused) = refuse_target(&d.dir, file, lang) {
        return refused;
    }
    let manifest = scored.evidence.as_ref().map(|(m, _)| m);
    // The document's creation time, as `report` takes it.
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let created = match super::clock::generation_time(epoch.as_deref(), lang) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let unscored = submission::unscored(&scored.sheet);
    let p = |v| show_points(v, lang);
    let (bytes, said) = if appeal {
        let Some(a) = submission::appeal(&scored.sheet, manifest) else {
            let source = d.scores.source.clone();
            let message = text!(
                vi: "--appeal cần điểm thẩm định (sơ bộ) của Hội đồng: thêm cột \"appraised\" vào phiếu chấm và ghi điểm Hội đồng chấm cho từng tiêu chí thành phần (xem docs/word-report.md)",
                en: "--appeal needs the council's (preliminary) points: add an \"appraised\" column to the score sheet with the council's points for each component (see docs/word-report.md)"
            );
            let d = Diagnostic::error(&source, message).at(1, 1);
            return Outcome::problems(&[d], lang);
        };
        let bytes = docx::appeal_letter(&scored.sheet, &a, &info, created, lang);
        let n = a.cuts.len();
        let (before, after, stake) = (p(a.before), p(a.after), p(a.stake()));
        let said = match lang {
            Lang::Vi => format!("{n} tiêu chí thành phần bị trừ điểm, tổng điểm thẩm định {before} → {after} nếu được chấp nhận (tăng {stake})"),
            Lang::En => format!("{n} components cut, appraised total {before} → {after} if accepted (up {stake})"),
        };
        (bytes, said)
    } else {
        let checked = scored.evidence.as_ref().map(|(m, a)| (m, a));
        let to_explain = submission::to_explain(&scored.sheet, checked);
        let data = docx::ReportData {
            sheet: &scored.sheet,
            criteria: &d.criteria,
            manifest,
            to_explain: &to_explain,
            checked: checked.is_some(),
            unscored: &unscored,
            info: &info,
            created,
        };
        let t = &scored.sheet.totals;
        let index = show_percent(percent_of(t.points, t.max).unwrap_or_default(), lang);
        let (total, max) = (p(t.points), p(t.max));
        let n = to_explain.len();
        let said = match (lang, checked.map(|_| n)) {
            (Lang::Vi, Some(n)) => format!("tổng {total} / {max} điểm, chỉ số {index}, {n} tiêu chí thành phần cần giải trình"),
            (Lang::En, Some(n)) => format!("total {total} / {max} points, index {index}, {n} components to explain"),
            (Lang::Vi, None) => format!("tổng {total} / {max} điểm, chỉ số {index}, {n} tiêu chí thành phần có giải trình; hồ sơ chưa có manifest.csv nên chưa xác định tiêu chí thiếu tài liệu"),
            (Lang::En, None) => format!("total {total} / {max} points, index {index}, {n} components explained; without manifest.csv the components lacking evidence are not known"),
        };
        (docx::report(&data, lang), said)
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(why) => {
            let d = Diagnostic::error(
                &shown(file),
                text!(vi: "không tạo được tệp Word (lỗi thư viện DOCX: {why})", en: "cannot build the Word document: {why}"),
            );
            return Outcome::fatal(d.into(), lang);
        }
    };
    if let Some(failed) = write_output(file, &bytes, lang) {
        return failed;
    }
    let target = shown(file);
    let mut out = Outcome::ok(match lang {
        Lang::Vi => format!("đã ghi {target}: {said}\n"),
        Lang::En => format!("wrote {target}: {said}\n"),
    });
    let mut warnings = scored.warnings.items.clone();
    warnings.extend(crate::report::summary_sheet::unscored_warning(
        &d.scores.source,
        &unscored,
        lang,
    ));
    out.err = crate::report::diagnostics::lines(&warnings, lang);
    out
}
