//! The checks of the evidence files themselves, apart from what they support: the same
//! content filed under two ids, and files in `files/` that the manifest does not list.
//! Split from `assess.rs`, which checks documents against the scored leaves.

use super::assess::{Ctx, FileState, Kind, Problem};
use super::hash::{sample_file, sha256_file, SAMPLE};
use super::paths::{list_files, normalise};
use crate::dossier::shown;
use crate::fsio::Within;
use crate::text;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// Files larger than this are compared by their samples only, never hashed whole by the
/// check (`seal` hashes them): a page load must not wait on gigabytes.
pub const WHOLE_LIMIT: u64 = 64 << 20;

/// What the check knows of one file's content.
struct Known {
    /// The file's SHA-256: sealed and untouched since, or hashed now.
    exact: Option<String>,
    /// Its [`sample_file`] hash, for a file larger than the sample.
    sample: Option<String>,
}

/// The same bytes under two ids. Only files of equal size are compared; a file the seal
/// hashed and nobody touched since (same size, same modification time) keeps the seal's
/// hash, so a sealed dossier of equal-size scans is not read again. A larger file is first
/// compared by 192 KiB of samples; only files whose samples agree are hashed whole, and
/// not even those when they are past [`WHOLE_LIMIT`] or sparse: those are reported as
/// looking the same. Each distinct file is read once, in parallel.
pub(super) fn check_same_content(cx: &mut Ctx, states: &[FileState]) {
    let mut by_size: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, s) in states.iter().enumerate() {
        if let FileState::Present(_, size, _) = s {
            by_size.entry(*size).or_default().push(i);
        }
    }
    let colliding: BTreeMap<&PathBuf, (u64, &Option<String>)> = by_size
        .values()
        .filter(|g| g.len() > 1)
        .flatten()
        .filter_map(|&i| match &states[i] {
            FileState::Present(path, size, modified) => Some((path, (*size, modified))),
            _ => None,
        })
        .collect();
    let files_dir = cx.d.dir.join(super::FILES_DIR);
    let within = Within::Folder(&files_dir);
    let seal = match colliding.is_empty() {
        true => None,
        false => super::seal::read_seal(&cx.d.dir, cx.read).ok(),
    };
    let sealed: HashMap<PathBuf, &super::seal::SealedFile> = match &seal {
        Some(seal) => seal
            .files
            .iter()
            .filter(|f| f.modified.is_some())
            .map(|f| (cx.d.dir.join(&f.path), f))
            .collect(),
        None => HashMap::new(),
    };
    // First look: the seal's hash, else the file's samples (its hash when it is small).
    let mut known: HashMap<&PathBuf, Known> = colliding
        .par_iter()
        .filter_map(|(&p, &(size, modified))| {
            let exact = match sealed.get(p) {
                Some(f) if f.bytes == size && f.modified == *modified => Some(f.sha256.clone()),
                _ => None,
            };
            if exact.is_some() && size <= 3 * SAMPLE {
                return Some((
                    p,
                    Known {
                        exact,
                        sample: None,
                    },
                ));
            }
            let sample = sample_file(p, within).ok()?;
            let known = match sample.whole {
                true => Known {
                    exact: Some(sample.sha256),
                    sample: None,
                },
                false if sample.sparse => Known {
                    exact: None,
                    sample: Some(sample.sha256),
                },
                false => Known {
                    exact: exact.or(Some(String::new())),
                    sample: Some(sample.sha256),
                },
            };
            Some((p, known))
        })
        .collect();
    // Larger files whose samples agree with another's are hashed whole (an empty `exact`
    // marks a file that may be), unless past the limit.
    let mut sample_count: HashMap<(u64, &str), usize> = HashMap::new();
    for (p, k) in &known {
        if let Some(s) = &k.sample {
            *sample_count
                .entry((colliding[p].0, s.as_str()))
                .or_default() += 1;
        }
    }
    let to_hash: Vec<&PathBuf> = known
        .iter()
        .filter(|(p, k)| {
            k.exact.as_deref() == Some("")
                && colliding[*p].0 <= WHOLE_LIMIT
                && k.sample
                    .as_deref()
                    .is_some_and(|s| sample_count[&(colliding[*p].0, s)] > 1)
        })
        .map(|(p, _)| *p)
        .collect();
    let hashed: Vec<(&PathBuf, Option<String>)> = to_hash
        .into_par_iter()
        .map(|p| (p, sha256_file(p, within, &|_| {}).ok().map(|h| h.sha256)))
        .collect();
    for (p, h) in hashed {
        if let Some(k) = known.get_mut(p) {
            k.exact = h;
        }
    }
    // Groups of the same content: exact when every file of a sample group has its hash,
    // else the whole sample group looks the same.
    let has_hash = |k: &Known| k.exact.as_deref().is_some_and(|h| !h.is_empty());
    let mut complete: HashMap<(u64, &str), bool> = HashMap::new();
    for (p, k) in &known {
        if let Some(s) = &k.sample {
            let all = complete.entry((colliding[p].0, s.as_str())).or_insert(true);
            *all &= has_hash(k);
        }
    }
    let mut groups: BTreeMap<(u64, bool, String), Vec<usize>> = BTreeMap::new();
    for group in by_size.values().filter(|g| g.len() > 1) {
        for &i in group {
            let FileState::Present(path, size, _) = &states[i] else {
                continue;
            };
            let Some(k) = known.get(path) else { continue };
            let exact = k.exact.clone().filter(|h| !h.is_empty());
            let key = match (&k.sample, exact) {
                (Some(s), Some(h)) if complete[&(*size, s.as_str())] => (*size, false, h),
                (Some(s), _) => (*size, true, s.clone()),
                (None, Some(h)) => (*size, false, h),
                (None, None) => continue,
            };
            groups.entry(key).or_default().push(i);
        }
    }
    let docs = &cx.m.documents;
    for ((size, looks, _), group) in &groups {
        let first = &docs[group[0]];
        for &i in &group[1..] {
            let doc = &docs[i];
            if doc.id == first.id {
                continue;
            }
            let (id, other, l) = (doc.label(), first.label(), first.line);
            let code = cx.first_leaf(doc);
            let mib = size.div_ceil(1 << 20);
            let message = match looks {
                false => text!(
                    vi: "tệp của văn bản {id} có nội dung trùng hệt văn bản {other} (dòng {l})",
                    en: "the file of document {id} has exactly the same content as document {other} (line {l})"
                ),
                true => text!(
                    vi: "tệp của văn bản {id} có vẻ trùng nội dung văn bản {other} (dòng {l}): cùng kích thước ({mib} MiB), cùng 64 KiB ở đầu, giữa và cuối tệp; tệp lớn hoặc thưa (sparse) không được băm cả tệp khi kiểm tra này (khi niêm phong, parscore seal băm cả tệp)",
                    en: "the file of document {id} looks like the same content as document {other} (line {l}): the same size ({mib} MiB) and the same 64 KiB at its start, middle and end; a large or sparse file is not hashed whole by this check (seal hashes every byte)"
                ),
            };
            cx.row_problem(Kind::DuplicateContent, doc, code, message);
        }
    }
}

pub(super) fn check_unlisted(cx: &mut Ctx, files_dir: &std::path::Path) {
    let mut listed: std::collections::HashSet<String> =
        cx.m.documents.iter().map(|d| normalise(&d.file)).collect();
    listed.extend(cx.listed.iter().cloned());
    for entry in list_files(files_dir) {
        let key = entry.key;
        if listed.contains(&key) {
            continue; // a listed file's problems are reported on its manifest row
        }
        if let Some(refused) = entry.refused {
            cx.problems.push(Problem {
                kind: Kind::UnsafePath,
                code: None,
                file: shown(&cx.d.dir, &format!("{}/{key}", super::FILES_DIR)),
                line: None,
                document: None,
                message: refused.text(&key),
                points: None,
                lead: None,
            });
            continue;
        }
        if listed.contains(&key) {
            continue;
        }
        cx.problems.push(Problem {
            kind: Kind::FileUnlisted,
            code: None,
            file: shown(&cx.d.dir, &format!("{}/{key}", super::FILES_DIR)),
            line: None,
            document: None,
            message: text!(
                vi: "tệp files/{key} không có dòng nào trong manifest.csv",
                en: "file files/{key} is not listed in manifest.csv"
            ),
            points: None,
            lead: None,
        });
    }
}
