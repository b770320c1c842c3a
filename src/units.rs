//! Whether several dossiers are of one unit. Two names are the same unit when they are
//! equal after Unicode NFC (a name typed on a Mac or decoded from windows-1258 arrives
//! decomposed), with spaces trimmed at both ends and runs of spaces inside taken as one.
//! Nothing else is forgiven: "Sở Nội vụ" and "Sở nội vụ" are two spellings, and a reader
//! told so fixes one `dossier.json` line (or passes `--several-units`).

/// The form two unit names are compared in.
pub fn key(name: &str) -> String {
    crate::input::nfc(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The distinct units among `names`, each as first spelled, in order of appearance.
pub fn distinct<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<(String, String)> = Vec::new();
    for n in names {
        let k = key(n);
        if !seen.iter().any(|(s, _)| *s == k) {
            seen.push((k, n.trim().to_string()));
        }
    }
    seen.into_iter().map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_letters_and_stray_spaces_are_the_same_unit() {
        // "Nội" with the circumflex and the dot below as combining marks.
        let nfd = "  Sở  No\u{0302}\u{0323}i vụ ";
        assert_eq!(key(nfd), key("Sở Nội vụ"));
        assert_eq!(distinct([nfd, "Sở Nội vụ"]), ["Sở  No\u{0302}\u{0323}i vụ"]);
    }

    #[test]
    fn a_different_capital_is_a_different_unit() {
        assert_ne!(key("Sở Nội vụ"), key("Sở nội vụ"));
        assert_eq!(
            distinct(["Ban Quản lý", "Sở Nội vụ", "Ban Quản lý"]),
            ["Ban Quản lý", "Sở Nội vụ"]
        );
    }
}
