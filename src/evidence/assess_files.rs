//! The checks of the evidence files themselves, apart from what they support: the same
//! content filed under two ids, and files in `files/` that the manifest does not list.
//! Split from `assess.rs`, which checks documents against the scored leaves.

use super::assess::{Ctx, FileState, Kind, Problem};
use super::hash::sha256_file;
use super::paths::{list_files, normalise};
use crate::dossier::shown;
use crate::fsio::Within;
use crate::text;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// The same bytes under two ids: only files of equal size are hashed, each distinct file
/// once, in parallel.
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
    // A file the seal hashed and nobody touched since (same size, same modification
    // time) keeps the seal's hash: a sealed dossier of equal-size scans is not read again.
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
    let hashes: HashMap<&PathBuf, String> = colliding
        .into_par_iter()
        .filter_map(|(p, (size, modified))| {
            match sealed.get(p) {
                Some(f) if f.bytes == size && f.modified == *modified => Some(f.sha256.clone()),
                _ => sha256_file(p, Within::Folder(&files_dir), &|_| {})
                    .ok()
                    .map(|h| h.sha256),
            }
            .map(|h| (p, h))
        })
        .collect();
    let mut by_hash: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for group in by_size.values().filter(|g| g.len() > 1) {
        for &i in group {
            if let FileState::Present(path, ..) = &states[i] {
                if let Some(h) = hashes.get(path) {
                    by_hash.entry(h.as_str()).or_default().push(i);
                }
            }
        }
    }
    let docs = &cx.m.documents;
    for group in by_hash.values() {
        let first = &docs[group[0]];
        for &i in &group[1..] {
            let doc = &docs[i];
            if doc.id == first.id {
                continue;
            }
            let (id, other, l) = (doc.label(), first.label(), first.line);
            let code = cx.first_leaf(doc);
            cx.row_problem(Kind::DuplicateContent, doc, code, text!(
                vi: "tệp của văn bản {id} có nội dung trùng hệt văn bản {other} (dòng {l})",
                en: "the file of document {id} has exactly the same content as document {other} (line {l})"
            ));
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
