//! `parscore export DOSSIER --xlsx FILE`: the submission table, from the same figures
//! `score` prints.

use super::scored::load_scored_with;
use super::{shown, Outcome};
use crate::diag::Diagnostic;
use crate::dossier::{self, Shared};
use crate::evidence::{FILES_DIR, MANIFEST_FILE};
use crate::fsio::{same_file, write_atomic};
use crate::lang::Lang;
use crate::report::summary_sheet;
use crate::text;
use std::path::Path;

/// Scores the dossier and writes its summary table to `xlsx` (replacing an earlier
/// export, never one of the dossier's own files).
pub fn export(path: &Path, xlsx: &Path, lang: Lang, shared: &mut Shared) -> Outcome {
    let scored = match load_scored_with(path, "export", lang, Vec::new(), shared) {
        Ok(s) => s,
        Err(outcome) => return outcome,
    };
    let d = &scored.dossier;
    let target = shown(xlsx);
    let refuse = |t| Outcome::fatal(Diagnostic::error(&target, t).into(), lang);
    let inputs = [
        dossier::SETTINGS_FILE,
        dossier::SCORES_FILE,
        dossier::SCORES_XLSX,
        dossier::PLAN_FILE,
        MANIFEST_FILE,
    ];
    if inputs.iter().any(|f| same_file(&d.dir.join(f), xlsx)) {
        return refuse(text!(
            vi: "không ghi đè lên tệp của hồ sơ; chọn tên khác, ví dụ tong-hop.xlsx",
            en: "will not overwrite a file of the dossier; choose another name, e.g. summary.xlsx"
        ));
    }
    let files = d.dir.join(FILES_DIR).canonicalize().ok();
    let parent = xlsx
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let (Some(files), Ok(parent)) = (files, parent.canonicalize()) {
        if parent.starts_with(files) {
            return refuse(text!(
                vi: "không ghi bảng tổng hợp vào thư mục tài liệu kiểm chứng files/ của hồ sơ",
                en: "the summary is not written into the dossier's files/ evidence folder"
            ));
        }
    }
    let manifest = scored.evidence.as_ref().map(|(m, _)| m);
    let bytes = match summary_sheet::workbook(&scored.sheet, &d.criteria, manifest, lang) {
        Ok(b) => b,
        Err(e) => {
            let why = e.to_string();
            return refuse(
                text!(vi: "không tạo được bảng tính (lỗi thư viện XLSX)", en: "cannot build the workbook: {why}"),
            );
        }
    };
    if let Err(e) = write_atomic(xlsx, &bytes) {
        let why = crate::fsio::os_reason(&e);
        let (vi, en) = (&why.vi, &why.en);
        return refuse(text!(vi: "không ghi được tệp: {vi}", en: "cannot write the file: {en}"));
    }
    let t = &scored.sheet.totals;
    let index = t.index().unwrap_or_default();
    let mut out = Outcome::ok(summary_sheet::written(
        &target, t.achieved, t.max, index, lang,
    ));
    out.err = crate::report::diagnostics::lines(&scored.warnings.items, lang);
    out
}
