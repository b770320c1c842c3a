//! `parscore evidence`, `parscore seal` and `parscore verify`.

use super::progress::Progress;
use super::scored::load_scored;
use super::{Outcome, Status};
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier::{self, Settings};
use crate::evidence::{self, seal as sealing, MANIFEST_FILE};
use crate::lang::Lang;
use crate::report::{diagnostics, evidence as present, seal as present_seal};
use crate::text;
use std::path::Path;

fn no_manifest(dir: &Path) -> Diagnostic {
    Diagnostic::error(
        &dossier::shown(dir, MANIFEST_FILE),
        text!(
            vi: "hồ sơ chưa có danh mục tài liệu kiểm chứng (manifest.csv); xem docs/dossier-format.md",
            en: "the dossier has no evidence manifest (manifest.csv); see docs/dossier-format.md"
        ),
    )
}

/// The checklist of missing and doubtful evidence. Exit 1 when there is anything on it.
pub fn evidence(path: &Path, json: bool, lang: Lang) -> Outcome {
    let scored = match load_scored(path, lang) {
        Ok(s) => s,
        Err(outcome) => return outcome,
    };
    let Some((m, a)) = &scored.evidence else {
        return Outcome::fatal(no_manifest(&scored.dossier.dir).into(), lang);
    };
    let out = if json {
        let v = present::json(&scored.sheet, a, &m.source, lang);
        format!("{}\n", crate::escape::json_pretty(&v))
    } else {
        present::table(&scored.sheet, a, &m.source, lang)
    };
    Outcome {
        out,
        err: diagnostics::lines(&scored.warnings.items, lang),
        status: if a.is_clean() {
            Status::Ok
        } else {
            Status::DataProblems
        },
        diagnostics: Vec::new(),
    }
}

/// Reads what `seal` needs: the settings and the manifest.
fn settings_and_manifest(
    path: &Path,
    lang: Lang,
) -> Result<(std::path::PathBuf, Settings, evidence::Manifest), Outcome> {
    let dir = dossier::locate(path);
    if !dir.is_dir() {
        let d = Diagnostic::error(
            &dir.display().to_string(),
            text!(vi: "không tìm thấy thư mục hồ sơ", en: "no dossier folder here"),
        );
        return Err(Outcome::fatal(d.into(), lang));
    }
    let mut diags = Diagnostics::default();
    let settings = match Settings::read_file(&dir, &mut diags) {
        Ok(Some(s)) => s,
        Ok(None) => return Err(Outcome::problems(&diags.items, lang)),
        Err(f) => return Err(Outcome::fatal(f, lang)),
    };
    match evidence::read_manifest(&dir, &mut diags) {
        Ok(Some(m)) => Ok((dir, settings, m)),
        Ok(None) if diags.has_errors() => Err(Outcome::problems(&diags.items, lang)),
        Ok(None) => Err(Outcome::fatal(no_manifest(&dir).into(), lang)),
        Err(f) => Err(Outcome::fatal(f, lang)),
    }
}

/// Hashes every listed document into the manifest and writes `seal.json`.
pub fn seal(path: &Path, lang: Lang) -> Outcome {
    let (dir, settings, m) = match settings_and_manifest(path, lang) {
        Ok(x) => x,
        Err(outcome) => return outcome,
    };
    let paths = match sealing::document_paths(&dir, &m) {
        Ok(p) => p,
        Err(problems) => return Outcome::problems(&problems, lang),
    };
    let progress = Progress::new(
        sealing::total_bytes(&paths),
        if lang == Lang::Vi {
            "Đang băm"
        } else {
            "Hashing"
        },
    );
    let result = sealing::seal(&dir, &settings, &m, &paths, &|n| progress.advance(n));
    progress.finish();
    match result {
        Ok(s) => Outcome {
            err: present_seal::unlisted_warning(&s, lang),
            ..Outcome::ok(present_seal::sealed(&dir, &s, lang))
        },
        Err(f) => Outcome::fatal(f, lang),
    }
}

/// Recomputes the seal; exit 1 if any file changed, disappeared or was added.
pub fn verify(path: &Path, json: bool, lang: Lang) -> Outcome {
    let dir = dossier::locate(path);
    let seal = match sealing::read_seal(&dir) {
        Ok(s) => s,
        Err(f) => return Outcome::fatal(f, lang),
    };
    let paths = sealing::sealed_paths(&dir, &seal);
    let ok: Vec<_> = paths
        .iter()
        .filter_map(|p| p.as_ref().ok().cloned())
        .collect();
    let progress = Progress::new(
        sealing::total_bytes(&ok),
        if lang == Lang::Vi {
            "Đang kiểm tra"
        } else {
            "Verifying"
        },
    );
    let v = sealing::verify(&dir, &seal, &paths, &|n| progress.advance(n));
    progress.finish();
    let out = if json {
        let value = serde_json::json!({
            "sealed_at": seal.sealed_at, "intact": v.intact(), "checked": v.checked,
            "bytes": v.bytes, "changed": v.changed, "missing": v.missing,
            "added": v.added, "refused": v.refused,
        });
        format!("{}\n", crate::escape::json_pretty(&value))
    } else {
        present_seal::verified(&dir, &seal, &v, lang)
    };
    Outcome {
        out,
        err: String::new(),
        status: if v.intact() {
            Status::Ok
        } else {
            Status::DataProblems
        },
        diagnostics: Vec::new(),
    }
}
