//! Every message in the reader's language: each `text!(vi: "…", en: "…")` in `src/` is
//! read from the source, and its Vietnamese side is searched for English words and its
//! English side for Vietnamese letters. Placeholders (`{e}`), quoted text (`\"unit\"`, an
//! example value), commands (`parscore seal …`), options (`--rank`) and file names are
//! what a message may quote in any language, so they are left out before the search; so
//! are the few codes on the allow-list.

use crate::harness::root;
use std::path::Path;

/// English words that are not also Vietnamese ones (as typed without diacritics).
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "are",
    "not",
    "file",
    "files",
    "no",
    "of",
    "with",
    "and",
    "or",
    "missing",
    "invalid",
    "error",
    "cannot",
    "found",
    "expected",
    "field",
    "unknown",
    "type",
    "string",
    "while",
    "parsing",
    "such",
    "directory",
    "denied",
    "permission",
    "line",
    "column",
    "from",
    "into",
    "this",
    "that",
    "which",
    "was",
    "were",
    "has",
    "have",
    "should",
    "must",
    "use",
    "run",
    "folder",
    "warning",
    "unlisted",
    "evidence",
    "role",
    "kind",
    "points",
    "point",
    "case",
    "cases",
    "value",
    "rank",
    "group",
    "year",
    "date",
    "not",
    "issued",
    "level",
    "score",
    "plan",
    "seal",
    "sealed",
    "changed",
    "added",
    "deleted",
    "read",
    "write",
];

/// Codes and names that are the same in both languages.
const ALLOWED: &[&str] = &[
    "sha256", "SHA-256", "UTF-8", "UTF-16", "BOM", "CSV", "JSON", "MiB",
];

const VIETNAMESE_LETTERS: &str =
    "àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵĐ";

/// The `(vi, en)` literal pairs of every `text!` call, every `Lang::Vi => … Lang::En`
/// choice and every `Words` sentence (`w.t`, `w.pick`) in a source file.
fn pairs(source: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("text!(") {
        rest = &rest[at + 6..];
        let (Some(vi), Some(en)) = (literal_after(rest, "vi:"), literal_after(rest, "en:")) else {
            continue;
        };
        out.push((vi, en));
    }
    // Reports choose by `match lang { Lang::Vi => …, Lang::En => … }`.
    let mut rest = source;
    while let Some(at) = rest.find("Lang::Vi =>") {
        rest = &rest[at + 11..];
        let Some(en_at) = rest.find("Lang::En =>") else {
            break;
        };
        let (Some(vi), Some(en)) = (first_literal(&rest[..en_at]), first_literal(&rest[en_at..]))
        else {
            continue;
        };
        out.push((vi, en));
    }
    // The presentation layer says `w.t(format_args!("…"), format_args!("…"))` and
    // `w.pick("…", "…")` (report/words.rs).
    let mut rest = source;
    while let Some(at) = rest.find(".t(") {
        rest = &rest[at + 3..];
        let Some(r) = rest.trim_start().strip_prefix("format_args!(") else {
            continue;
        };
        let Some((vi, r)) = literal_and_rest(r) else {
            continue;
        };
        let Some(en_at) = r.find("format_args!(") else {
            continue;
        };
        if let Some((en, _)) = literal_and_rest(&r[en_at + 13..]) {
            out.push((vi, en));
        }
    }
    let mut rest = source;
    while let Some(at) = rest.find(".pick(") {
        rest = &rest[at + 6..];
        let Some((vi, r)) = literal_and_rest(rest) else {
            continue;
        };
        let Some(r) = r.trim_start().strip_prefix(',') else {
            continue;
        };
        if let Some((en, _)) = literal_and_rest(r) {
            out.push((vi, en));
        }
    }
    out
}

/// The string literal at the start of `s` (after white space), and what follows it.
fn literal_and_rest(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let body = s.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '"') => {
                let literal = literal_after(s, "")?;
                return Some((literal, &body[i + 1..]));
            }
            _ => {}
        }
    }
    None
}

/// The first string literal in `s`.
fn first_literal(s: &str) -> Option<String> {
    let at = s.find('"')?;
    literal_after(&s[at..], "")
}

/// The string literal that follows `key` (before the macro's closing parenthesis).
fn literal_after(s: &str, key: &str) -> Option<String> {
    let at = s.find(key)?;
    let s = s[at + key.len()..].trim_start();
    let body = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next()?;
                if next == '\n' {
                    while chars.clone().next().is_some_and(char::is_whitespace) {
                        chars.next();
                    }
                } else {
                    out.push('\\');
                    out.push(next);
                }
            }
            '"' => return Some(out),
            c => out.push(c),
        }
    }
    None
}

/// The message without what any language may quote.
fn prose(message: &str) -> String {
    let mut s = message.to_string();
    // Quoted text: \"…\".
    while let Some(a) = s.find("\\\"") {
        let Some(b) = s[a + 2..].find("\\\"") else {
            break;
        };
        s.replace_range(a..a + 2 + b + 2, " ");
    }
    // Placeholders {…}, <…> and backticks.
    for (open, close) in [('{', '}'), ('<', '>'), ('`', '`')] {
        while let Some(a) = s.find(open) {
            let Some(b) = s[a + 1..].find(close) else {
                break;
            };
            s.replace_range(a..a + 1 + b + 1, " ");
        }
    }
    // A command to type runs to the end of its clause.
    while let Some(a) = s.find("parscore ") {
        let end = s[a..].find([';', ')']).map(|e| a + e).unwrap_or(s.len());
        s.replace_range(a..end, " ");
    }
    s.split_whitespace()
        .filter(|w| !w.starts_with("--") && !w.contains('.') && !w.contains('/'))
        .filter(|w| {
            !ALLOWED
                .iter()
                .any(|a| w.trim_matches(|c: char| !c.is_alphanumeric()) == *a)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_english_word_in_a_vietnamese_message_and_no_vietnamese_in_an_english_one() {
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    let mut checked = 0;
    let mut wrong = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (vi, en) in pairs(&text) {
            checked += 1;
            let english: Vec<String> = words(&prose(&vi))
                .into_iter()
                .filter(|w| ENGLISH.contains(&w.as_str()))
                .collect();
            if !english.is_empty() {
                wrong.push(format!("{}: vi {vi:?} has {english:?}", file.display()));
            }
            if prose(&en).chars().any(|c| VIETNAMESE_LETTERS.contains(c)) {
                wrong.push(format!("{}: en {en:?} has Vietnamese", file.display()));
            }
        }
    }
    assert!(
        checked > 150,
        "only {checked} messages found: is the parser still right?"
    );
    assert!(
        wrong.is_empty(),
        "{} messages:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_scan_finds_english_where_there_is_some() {
    let found =
        pairs(r#"text!(vi: "không đọc được tệp: {e} (missing field)", en: "cannot read: {e}")"#);
    assert_eq!(found.len(), 1);
    assert_eq!(
        words(&prose(&found[0].0)),
        ["không", "đọc", "được", "tệp", "missing", "field"]
    );
    assert_eq!(
        prose(r#"thiếu \"rankings\"; chạy: parscore seal <hồ sơ>; xem docs/dossier-format.md"#),
        "thiếu ; chạy: ; xem"
    );
}

#[test]
fn the_scan_reads_the_words_idiom() {
    let source = r#"
        let a = w.t(
            format_args!("còn thiếu {d}"),
            format_args!("{d} short"),
        );
        let b = w.pick("Tổng \"x\"", "Total");
    "#;
    assert_eq!(
        pairs(source),
        vec![
            ("còn thiếu {d}".to_string(), "{d} short".to_string()),
            ("Tổng \\\"x\\\"".to_string(), "Total".to_string()),
        ]
    );
}
