//! `parscore template CRITERIA|DOSSIER [--out FILE | --xlsx FILE]`.

use super::{shown, Outcome, Status};
use crate::criteria::load_file;
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier;
use crate::fsio::{same_file, write_atomic};
use crate::input::ReadOptions;
use crate::lang::Lang;
use crate::report::template::blank_sheet;
use crate::text;
use std::path::Path;

/// Where the blank sheet goes: CSV to standard output or a file, or an Excel workbook.
#[derive(Clone, Copy, Debug)]
pub enum TemplateTo<'a> {
    Stdout,
    Csv(&'a Path),
    Xlsx(&'a Path),
}

/// Writes a blank score sheet for a criteria file or a dossier's criteria, as CSV (to
/// `out` or to standard output) or as a workbook. Never overwrites an existing file.
pub fn template(input: &Path, to: TemplateTo, lang: Lang, read: ReadOptions) -> Outcome {
    let folder = dossier::locate(input);
    let criteria_path = if folder.is_dir() {
        if let Err(f) = dossier::open(input, "template") {
            return Outcome::fatal(f, lang);
        }
        let mut diags = Diagnostics::default();
        match dossier::Settings::read_file(&folder, &mut diags, read) {
            Ok(Some(s)) => folder.join(s.criteria),
            Ok(None) => return Outcome::problems(&diags.items, lang),
            Err(f) => return Outcome::fatal(f, lang),
        }
    } else {
        input.to_path_buf()
    };
    let name = shown(&criteria_path);
    let loaded = match load_file(&criteria_path, &name, read) {
        Ok(l) => l,
        Err(f) => return Outcome::fatal(f, lang),
    };
    let Some(c) = loaded
        .criteria
        .filter(|_| !loaded.diagnostics.iter().any(Diagnostic::is_error))
    else {
        return Outcome::problems(&loaded.diagnostics, lang);
    };
    let (bytes, out) = match to {
        TemplateTo::Stdout => (blank_sheet(&c, lang), None),
        TemplateTo::Csv(out) => (blank_sheet(&c, lang), Some(out)),
        TemplateTo::Xlsx(out) => match crate::report::score_sheet::workbook(&c, lang) {
            Ok(bytes) => (bytes, Some(out)),
            Err(e) => {
                let why = e.to_string();
                let d = Diagnostic::error(
                    &shown(out),
                    text!(vi: "không tạo được bảng tính (lỗi thư viện XLSX)", en: "cannot build the workbook: {why}"),
                );
                return Outcome::fatal(d.into(), lang);
            }
        },
    };
    let Some(out) = out else {
        return Outcome {
            out: String::from_utf8_lossy(&bytes).into_owned(),
            err: String::new(),
            status: Status::Ok,
            diagnostics: Vec::new(),
        };
    };
    let target = shown(out);
    let inputs = [criteria_path.clone(), folder.join(dossier::SETTINGS_FILE)];
    if inputs.iter().any(|i| same_file(i, out)) {
        let d = Diagnostic::error(
            &target,
            text!(vi: "không ghi đè lên tệp đầu vào; chọn tên khác cho --out", en: "will not overwrite an input file; choose another --out"),
        );
        return Outcome::fatal(d.into(), lang);
    }
    if out.exists() {
        let d = Diagnostic::error(
            &target,
            text!(vi: "tệp đã tồn tại; xóa hoặc chọn tên khác để không mất số liệu đã nhập", en: "the file exists; remove it or choose another name so no entered figures are lost"),
        );
        return Outcome::fatal(d.into(), lang);
    }
    if let Err(e) = write_atomic(out, &bytes) {
        let why = crate::fsio::os_reason(&e);
        let (vi, en) = (&why.vi, &why.en);
        let d = Diagnostic::error(
            &target,
            text!(vi: "không ghi được tệp: {vi}", en: "cannot write the file: {en}"),
        );
        return Outcome::fatal(d.into(), lang);
    }
    let leaves = c.leaves().len();
    let sheet = crate::report::score_sheet::SHEET;
    Outcome::ok(match (lang, to) {
        (Lang::Vi, TemplateTo::Xlsx(_)) => format!("đã ghi {target}: trang \"{sheet}\", {leaves} tiêu chí lá, cột \"value\" để trống; lưu thành scores.xlsx trong thư mục hồ sơ sau khi điền\n"),
        (Lang::En, TemplateTo::Xlsx(_)) => format!("wrote {target}: sheet \"{sheet}\", {leaves} leaves, \"value\" column blank; save it as scores.xlsx in the dossier folder once filled\n"),
        (Lang::Vi, _) => format!("đã ghi {target}: {leaves} tiêu chí lá, cột \"value\" để trống\n"),
        (Lang::En, _) => format!("wrote {target}: {leaves} leaves, \"value\" column blank\n"),
    })
}
