//! Names every platform can hold. A dossier travels between a Linux server, a Windows PC
//! and a Windows share, so a name in a manifest must mean the same file on all of them:
//! Windows opens `CON.txt` as the console and `NUL` as nothing, reads `a.pdf:x` as a hidden
//! stream of `a.pdf`, and drops a trailing dot or space (`a.pdf.` opens `a.pdf`). Such a
//! name is refused on every platform, with the reason.

use crate::lang::Text;
use crate::text;

/// Why one name (a path component) is not portable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unportable {
    /// A device name Windows reserves in every folder (`CON`, `NUL`, `COM1`, `LPT1`…),
    /// with or without an extension.
    Reserved(String),
    /// `name:stream`: an alternate data stream on NTFS.
    Stream,
    /// A trailing dot or space, which Windows drops.
    Trailing,
    /// A character Windows never allows in a name (`< > " | ? *` or a control character).
    Forbidden(char),
}

const RESERVED: [&str; 6] = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];

/// Why `name` (one component, no `/`) cannot be a file's name on every platform, if it
/// cannot.
pub fn unportable(name: &str) -> Option<Unportable> {
    if name == "." || name == ".." || name.is_empty() {
        return None;
    }
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, '<' | '>' | '"' | '|' | '?' | '*') || c.is_control())
    {
        return Some(Unportable::Forbidden(c));
    }
    if name.contains(':') {
        return Some(Unportable::Stream);
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some(Unportable::Trailing);
    }
    // Windows looks at the name before its first dot, less trailing spaces: `nul .txt`,
    // `Com1.tar.gz` are devices too.
    let stem = name.split('.').next().unwrap_or("").trim_end_matches(' ');
    let upper = stem.to_uppercase();
    let numbered = |prefix: &str| {
        upper.strip_prefix(prefix).is_some_and(|n| {
            matches!(
                n,
                "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
            )
        })
    };
    if RESERVED.contains(&upper.as_str()) || numbered("COM") || numbered("LPT") {
        return Some(Unportable::Reserved(stem.to_string()));
    }
    None
}

impl Unportable {
    /// The reason, for the name as the user wrote it (`raw`).
    pub fn text(&self, raw: &str) -> Text {
        match self {
            Unportable::Reserved(dev) => text!(
                vi: "tên \"{raw}\" bị từ chối: \"{dev}\" là tên thiết bị dành riêng của Windows (CON, NUL, COM1…), Windows không mở được tệp tên như vậy; đổi tên tệp",
                en: "the name \"{raw}\" is refused: \"{dev}\" is a device name Windows reserves (CON, NUL, COM1…) and Windows cannot open a file so named; rename the file"
            ),
            Unportable::Stream => text!(
                vi: "tên \"{raw}\" bị từ chối: dấu \":\" trong tên tệp là luồng dữ liệu ẩn của Windows (NTFS); bỏ dấu \":\"",
                en: "the name \"{raw}\" is refused: a \":\" in a file name is a hidden NTFS data stream on Windows; remove the \":\""
            ),
            Unportable::Trailing => {
                let trimmed = raw.trim_end_matches(['.', ' ']);
                text!(
                    vi: "tên \"{raw}\" bị từ chối: kết thúc bằng dấu chấm hoặc khoảng trắng, Windows sẽ mở tệp \"{trimmed}\" thay vào đó; ghi đúng tên tệp",
                    en: "the name \"{raw}\" is refused: it ends in a dot or a space, and Windows would open \"{trimmed}\" instead; write the file's exact name"
                )
            }
            Unportable::Forbidden(c) => {
                let c = c.escape_default();
                text!(
                    vi: "tên \"{raw}\" bị từ chối: ký tự \"{c}\" không được phép trong tên tệp trên Windows",
                    en: "the name \"{raw}\" is refused: the character \"{c}\" is not allowed in a file name on Windows"
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_are_reserved_with_any_extension_and_any_case() {
        for name in [
            "NUL",
            "CON.txt",
            "COM1.pdf",
            "lpt9.docx",
            "aux",
            "nul .txt",
            "Com1.tar.gz",
        ] {
            assert!(
                matches!(unportable(name), Some(Unportable::Reserved(_))),
                "{name}"
            );
        }
        for name in [
            "CONTRACT.pdf",
            "COM10.pdf",
            "null.txt",
            "console.txt",
            "a.NUL",
        ] {
            assert_eq!(unportable(name), None, "{name}");
        }
    }

    #[test]
    fn streams_trailing_dots_and_forbidden_characters_are_refused() {
        assert_eq!(
            unportable("a.pdf:Zone.Identifier"),
            Some(Unportable::Stream)
        );
        assert_eq!(unportable("a.pdf."), Some(Unportable::Trailing));
        assert_eq!(unportable("a.pdf "), Some(Unportable::Trailing));
        assert_eq!(unportable("a?.pdf"), Some(Unportable::Forbidden('?')));
        assert_eq!(unportable("Kế hoạch CCHC 2026.pdf"), None);
        let t = Unportable::Trailing.text("a.pdf.");
        assert!(t.vi.contains("Windows sẽ mở tệp \"a.pdf\""), "{}", t.vi);
    }
}
