//! A manifest name matched against the names a folder holds, the same way on every
//! platform: Windows opens `KE-HOACH.TXT` for `ke-hoach.txt` and `KEHOAC~1.TXT` for
//! `ke-hoach-cchc-2026.txt`, Linux opens neither, so a dossier would score differently on
//! the two. Here a name matches exactly, else once both are NFC (a Mac's decomposed
//! letters), else by case, else as the short (8.3) name of exactly one long name; the last
//! two are aliases the caller warns of.

use super::paths::Alias;
use crate::input::nfc;
use std::path::{Path, PathBuf};

/// The path under `dir` that `key` (`/`-separated) names, the key as the folder spells it,
/// and the strongest alias used on the way; `None` when some component matches nothing
/// (or matches several names equally).
pub fn find(dir: &Path, key: &str) -> Option<(PathBuf, String, Option<Alias>)> {
    let mut at = dir.to_path_buf();
    let mut spelled = Vec::new();
    let mut alias = None;
    for part in key.split('/').filter(|p| !p.is_empty() && *p != ".") {
        let names: Vec<String> = std::fs::read_dir(&at)
            .ok()?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let (name, how) = match_name(part, &names)?;
        if how.is_some() {
            alias = alias.max(how);
        }
        at.push(&name);
        spelled.push(nfc(&name));
    }
    Some((at, spelled.join("/"), alias))
}

/// The one name among `names` that `wanted` means, and how it matched.
fn match_name(wanted: &str, names: &[String]) -> Option<(String, Option<Alias>)> {
    let wanted_nfc = nfc(wanted);
    if let Some(n) = names.iter().find(|n| nfc(n) == wanted_nfc) {
        return Some((n.clone(), None));
    }
    let lower = wanted_nfc.to_lowercase();
    if let Some(n) = only(names.iter().filter(|n| nfc(n).to_lowercase() == lower)) {
        return Some((n.clone(), Some(Alias::Case)));
    }
    let (base, ext) = short_form(wanted)?;
    only(
        names
            .iter()
            .filter(|n| long_name_shortens_to(n, &base, &ext)),
    )
    .map(|n| (n.clone(), Some(Alias::ShortName)))
}

fn only<'a>(mut it: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// `KEHOAC~1.TXT` → (`KEHOAC`, `TXT`): a short name's stem before `~N`, and its extension.
fn short_form(name: &str) -> Option<(String, String)> {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s, e),
        None => (name, ""),
    };
    let (base, n) = stem.rsplit_once('~')?;
    let ok = !base.is_empty()
        && base.len() <= 6
        && !n.is_empty()
        && n.len() <= 6
        && n.bytes().all(|b| b.is_ascii_digit())
        && !n.starts_with('0')
        && ext.len() <= 3
        && base.is_ascii()
        && ext.is_ascii();
    ok.then(|| (base.to_ascii_uppercase(), ext.to_ascii_uppercase()))
}

/// Whether Windows would shorten `long` to `BASE~N.EXT`: the name upper-cased, without
/// spaces and dots but the last, characters outside the short-name set as `_`, cut to the
/// stem's first six characters (or fewer, when Windows added a hash: we compare the part
/// given) and the extension's first three.
fn long_name_shortens_to(long: &str, base: &str, ext: &str) -> bool {
    let (stem, long_ext) = match long.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, e),
        _ => (long, ""),
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || "!#$%&'()-@^_`{}~".contains(c);
    // A name that already fits 8.3 has no separate short name.
    if long.matches('.').count() <= 1
        && stem.len() <= 8
        && long_ext.len() <= 3
        && stem.chars().chain(long_ext.chars()).all(allowed)
    {
        return false;
    }
    let clean = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != ' ' && *c != '.')
            .map(|c| {
                let c = c.to_ascii_uppercase();
                if allowed(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    let (stem, long_ext) = (clean(stem), clean(long_ext));
    let cut: String = stem.chars().take(base.len()).collect();
    let cut_ext: String = long_ext.chars().take(3).collect();
    cut == base && cut_ext == ext
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_name_matches_exactly_then_by_case_then_as_a_short_name() {
        let n = names(&["ke-hoach-cchc-2026.txt", "bao-cao.pdf"]);
        assert_eq!(
            match_name("bao-cao.pdf", &n),
            Some(("bao-cao.pdf".into(), None))
        );
        assert_eq!(
            match_name("KE-HOACH-CCHC-2026.TXT", &n),
            Some(("ke-hoach-cchc-2026.txt".into(), Some(Alias::Case)))
        );
        assert_eq!(
            match_name("KE-HOA~1.TXT", &n),
            Some(("ke-hoach-cchc-2026.txt".into(), Some(Alias::ShortName)))
        );
        assert_eq!(match_name("khac.pdf", &n), None);
    }

    #[test]
    fn a_short_name_shared_by_two_long_names_matches_neither() {
        let n = names(&["ke-hoach-cchc-2026.txt", "ke-hoach-cchc-2025.txt"]);
        assert_eq!(match_name("KE-HOA~1.TXT", &n), None);
        assert_eq!(match_name("KE-HOA~2.TXT", &n), None);
    }

    #[test]
    fn a_name_that_is_already_short_has_no_short_alias() {
        assert_eq!(match_name("BAOCAO~1.PDF", &names(&["BAOCAO.PDF"])), None);
    }
}
