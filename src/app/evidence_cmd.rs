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

/// Hashes every listed document into the manifest and writes `seal.json`; the history
/// records the seal as made by the computer's user.
pub fn seal(path: &Path, lang: Lang, read: ReadOptions) -> Outcome {
    seal_as(path, lang, read, &crate::history::os_user())
}

/// [`seal`], recorded in the history as made by `who`.
pub fn seal_as(path: &Path, lang: Lang, read: ReadOptions, who: &str) -> Outcome {
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
        Ok(s) => {
            record_seal(&dir, &s, who, read);
            Outcome {
                err: present_seal::warnings(&s, lang),
                ..Outcome::ok(present_seal::sealed(&dir, &s, lang))
            }
        }
        Err(sealing::Refused::Problems(p)) => Outcome::problems(&p, lang),
        Err(sealing::Refused::Fatal(f)) => Outcome::fatal(f, lang),
    }
}

/// The seal in the history: the hashes it wrote into `manifest.csv`, row by row, as a
/// change of their own (so that the undo of an earlier change of those rows, or of the
/// hashes themselves, finds the rows as they are), then the seal's line: when, by whom.
/// A history that cannot be written does not undo the seal (the seal itself is
/// `seal.json`).
fn record_seal(dir: &Path, s: &sealing::Sealed, who: &str, read: ReadOptions) {
    use crate::history::{self, Entry, Kind};
    let entries = history::read(dir, read.caps).unwrap_or_default();
    let mut change = history::next_change(&entries);
    let mut lines: Vec<Entry> = Vec::new();
    if let Some((before, after)) = &s.manifest_change {
        let hashes = history::diff_tables(MANIFEST_FILE, "id", before, after, read.encoding);
        if !hashes.is_empty() {
            lines.extend(hashes.into_iter().map(|e| Entry {
                change,
                when: s.seal.sealed_at.clone(),
                who: who.to_string(),
                kind: Kind::Edit,
                ..e
            }));
            change += 1;
        }
    }
    lines.push(Entry {
        change,
        when: s.seal.sealed_at.clone(),
        who: who.to_string(),
        kind: Kind::Seal,
        file: crate::evidence::SEAL_FILE.to_string(),
        key: String::new(),
        column: String::new(),
        old: String::new(),
        new: s.seal.sealed_at.clone(),
        line: 0,
        old_row: None,
        new_row: None,
    });
    let _ = history::append(dir, &lines);
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
        let mut value = serde_json::json!({
            "sealed_at": seal.sealed_at, "intact": v.intact(), "checked": v.checked,
            "bytes": v.bytes, "changed": v.changed, "missing": v.missing,
            "added": v.added, "refused": v.refused, "half_finished": v.half_finished,
        });
        if !v.since.is_empty() {
            let since: Vec<_> = v
                .since
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "change": e.change, "when": e.when, "who": e.who,
                        "kind": e.kind.as_text(), "file": e.file, "key": e.key,
                        "column": e.column, "old": e.old, "new": e.new,
                    })
                })
                .collect();
            value["since_seal"] = serde_json::Value::Array(since);
        }
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
