//! `parscore evidence`, `parscore seal` and `parscore verify`.

use super::progress::Progress;
use super::scored::load_scored_with;
use super::{Format, Outcome, Status};
use crate::diag::{Diagnostic, Diagnostics};
use crate::dossier::Shared;
use crate::dossier::{self, Settings};
use crate::evidence::{seal as sealing, verify as checking, MANIFEST_FILE};
use crate::input::ReadOptions;
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
pub fn evidence(
    path: &Path,
    format: Format,
    lang: Lang,
    shared: &mut Shared,
    width: crate::report::table::Width,
) -> Outcome {
    let scored = match load_scored_with(path, "evidence", lang, Vec::new(), shared) {
        Ok(s) => s,
        Err(outcome) => return outcome,
    };
    let Some((m, a)) = &scored.evidence else {
        return Outcome::fatal(no_manifest(&scored.dossier.dir).into(), lang);
    };
    let out = if format.is_json() {
        let v = present::json(&scored.sheet, a, &m.source, lang);
        format!("{}\n", crate::escape::json_pretty(&v))
    } else {
        present::table(
            &scored.sheet,
            a,
            &m.source,
            scored.dossier.plan.is_some(),
            lang,
            width,
        )
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

/// Hashes every listed document into the manifest and writes `seal.json`.
pub fn seal(path: &Path, lang: Lang, read: ReadOptions) -> Outcome {
    let dir = match dossier::open(path, "seal") {
        Ok(d) => d,
        Err(f) => return Outcome::fatal(f, lang),
    };
    let mut diags = Diagnostics::default();
    let settings = match Settings::read_file(&dir, &mut diags, read) {
        Ok(Some(s)) => s,
        Ok(None) => return Outcome::problems(&diags.items, lang),
        Err(f) => return Outcome::fatal(f, lang),
    };
    if dir.join(MANIFEST_FILE).symlink_metadata().is_err() {
        return Outcome::fatal(no_manifest(&dir).into(), lang);
    }
    let progress = Progress::new(
        sealing::planned_bytes(&dir),
        if lang == Lang::Vi {
            "Đang băm"
        } else {
            "Hashing"
        },
    );
    let result = sealing::seal(&dir, &settings, &|n| progress.advance(n), read);
    progress.finish();
    match result {
        Ok(s) => Outcome {
            err: present_seal::warnings(&s, lang),
            ..Outcome::ok(present_seal::sealed(&dir, &s, lang))
        },
        Err(sealing::Refused::Problems(p)) => Outcome::problems(&p, lang),
        Err(sealing::Refused::Fatal(f)) => Outcome::fatal(f, lang),
    }
}

/// Recomputes the seal; exit 1 if any file changed, disappeared or was added.
pub fn verify(path: &Path, format: Format, lang: Lang, read: ReadOptions) -> Outcome {
    let dir = match dossier::open(path, "verify") {
        Ok(d) => d,
        Err(f) => return Outcome::fatal(f, lang),
    };
    let seal = match sealing::read_seal(&dir, read) {
        Ok(s) => s,
        Err(f) => return Outcome::fatal(f, lang),
    };
    let progress = Progress::new(
        checking::planned_bytes(&dir, &seal, read.caps),
        if lang == Lang::Vi {
            "Đang kiểm tra"
        } else {
            "Verifying"
        },
    );
    let v = checking::verify(&dir, &seal, &|n| progress.advance(n), read.caps);
    progress.finish();
    let out = if format.is_json() {
        let value = serde_json::json!({
            "sealed_at": seal.sealed_at, "intact": v.intact(), "checked": v.checked,
            "bytes": v.bytes, "changed": v.changed, "missing": v.missing,
            "added": v.added, "refused": v.refused, "half_finished": v.half_finished,
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
