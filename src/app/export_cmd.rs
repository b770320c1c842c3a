//! `parscore export DOSSIER --xlsx FILE`: the submission table, from the same figures
//! `score` prints; `--docx FILE` hands over to `export_docx` for the Word documents.
//! Both refuse to write over the dossier's own files.

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

/// What `export` writes.
#[derive(Clone, Copy, Debug)]
pub enum ExportTo<'a> {
    /// The submission table (`--xlsx FILE`).
    Xlsx(&'a Path),
    /// The self-assessment report (`--docx FILE`), or with `appeal` the explanation
    /// letter to the appraisal council (`--docx FILE --appeal`).
    Docx { file: &'a Path, appeal: bool },
}

/// Scores the dossier and writes the submission table or one of the Word documents.
pub fn export(path: &Path, to: ExportTo, lang: Lang, shared: &mut Shared) -> Outcome {
    match to {
        ExportTo::Xlsx(xlsx) => export_xlsx(path, xlsx, lang, shared),
        ExportTo::Docx { file, appeal } => {
            super::export_docx::export_docx(path, file, appeal, lang, shared)
        }
    }
}

/// Refuses a target that is one of the dossier's own files or lies in its `files/` folder.
pub(super) fn refuse_target(dir: &Path, target: &Path, lang: Lang) -> Option<Outcome> {
    let shown_target = shown(target);
    let refuse = |t| {
        Some(Outcome::fatal(
            Diagnostic::error(&shown_target, t).into(),
            lang,
        ))
    };
    let inputs = [
        dossier::SETTINGS_FILE,
        dossier::SCORES_FILE,
        dossier::SCORES_XLSX,
        dossier::PLAN_FILE,
        MANIFEST_FILE,
    ];
    if inputs.iter().any(|f| same_file(&dir.join(f), target)) {
        return refuse(text!(
            vi: "không ghi đè lên tệp của hồ sơ; chọn tên khác, ví dụ tong-hop.xlsx hoặc bao-cao.docx",
            en: "will not overwrite a file of the dossier; choose another name, e.g. summary.xlsx or report.docx"
        ));
    }
    let files = dir.join(FILES_DIR).canonicalize().ok();
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let (Some(files), Ok(parent)) = (files, parent.canonicalize()) {
        if parent.starts_with(files) {
            return refuse(text!(
                vi: "không ghi kết quả vào thư mục tài liệu kiểm chứng files/ của hồ sơ",
                en: "the output is not written into the dossier's files/ evidence folder"
            ));
        }
    }
    None
}

/// Writes `bytes` to `target` through the one safe writer.
pub(super) fn write_output(target: &Path, bytes: &[u8], lang: Lang) -> Option<Outcome> {
    let e = write_atomic(target, bytes).err()?;
    let why = crate::fsio::os_reason(&e);
    let (vi, en) = (&why.vi, &why.en);
    let d = Diagnostic::error(
        &shown(target),
        text!(vi: "không ghi được tệp: {vi}", en: "cannot write the file: {en}"),
    );
    Some(Outcome::fatal(d.into(), lang))
}

fn export_xlsx(path: &Path, xlsx: &Path, lang: Lang, shared: &mut Shared) -> Outcome {
    let scored = match load_scored_with(path, "export", lang, Vec::new(), shared) {
        Ok(s) => s,
        Err(outcome) => return outcome,
    };
    let d = &scored.dossier;
    let target = shown(xlsx);
    let refuse = |t| Outcome::fatal(Diagnostic::error(&target, t).into(), lang);
    if let Some(refused) = refuse_target(&d.dir, xlsx, lang) {
        return refused;
    }
    let manifest = scored.evidence.as_ref().map(|(m, _)| m);
    let checked = scored.evidence.as_ref().map(|(m, a)| (m, a));
    let explain = crate::submission::to_explain(&scored.sheet, checked);
    let bytes = match summary_sheet::workbook(&scored.sheet, &d.criteria, manifest, &explain, lang)
    {
        Ok(b) => b,
        Err(e) => {
            let why = e.to_string();
            return refuse(
                text!(vi: "không tạo được bảng tính (lỗi thư viện XLSX)", en: "cannot build the workbook: {why}"),
            );
        }
    };
    if let Some(failed) = write_output(xlsx, &bytes, lang) {
        return failed;
    }
    let t = &scored.sheet.totals;
    let index = t.index().unwrap_or_default();
    let mut out = Outcome::ok(summary_sheet::written(
        &target, t.achieved, t.max, index, lang,
    ));
    let mut warnings = scored.warnings.items.clone();
    let unscored = crate::submission::unscored(&scored.sheet);
    warnings.extend(summary_sheet::unscored_warning(
        &d.scores.source,
        &unscored,
        lang,
    ));
    out.err = crate::report::diagnostics::lines(&warnings, lang);
    out
}
