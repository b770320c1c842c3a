//! `parscore template CRITERIA|DOSSIER [--out FILE]`.

use super::{shown, Outcome, Status};
use crate::criteria::load_file;
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier;
use crate::fsio::{same_file, write_atomic};
use crate::lang::Lang;
use crate::report::template::blank_sheet;
use crate::text;
use std::path::Path;

/// Writes a blank score sheet for a criteria file or a dossier's criteria, to `out` or to
/// standard output. Never overwrites an input file.
pub fn template(input: &Path, out: Option<&Path>, lang: Lang) -> Outcome {
    let folder = dossier::locate(input);
    let criteria_path = if folder.is_dir() {
        if let Err(f) = dossier::open(input, "template") {
            return Outcome::fatal(f, lang);
        }
        let mut diags = Diagnostics::default();
        match dossier::Settings::read_file(&folder, &mut diags) {
            Ok(Some(s)) => folder.join(s.criteria),
            Ok(None) => return Outcome::problems(&diags.items, lang),
            Err(f) => return Outcome::fatal(f, lang),
        }
    } else {
        input.to_path_buf()
    };
    let name = shown(&criteria_path);
    let loaded = match load_file(&criteria_path, &name) {
        Ok(l) => l,
        Err(f) => return Outcome::fatal(f, lang),
    };
    let Some(c) = loaded
        .criteria
        .filter(|_| !loaded.diagnostics.iter().any(Diagnostic::is_error))
    else {
        return Outcome::problems(&loaded.diagnostics, lang);
    };
    let bytes = blank_sheet(&c, lang);
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
    Outcome::ok(match lang {
        Lang::Vi => format!("đã ghi {target}: {leaves} tiêu chí lá, cột \"value\" để trống\n"),
        Lang::En => format!("wrote {target}: {leaves} leaves, \"value\" column blank\n"),
    })
}
