//! The strict score when it cannot be known: a dossier with no `manifest.csv` says nothing
//! about which documents are in place, so its strict score is unknown, never the projected
//! figure. The words and the machine key every output uses for it.

use crate::lang::Lang;

/// The reason a machine format gives beside a `null` strict score.
pub const NO_MANIFEST: &str = "no_manifest";

/// "chưa rõ (không có manifest.csv)", where a strict figure would stand.
pub fn unknown(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "chưa rõ (không có manifest.csv)",
        Lang::En => "unknown (no manifest)",
    }
}
