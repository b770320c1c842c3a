//! The footer: where every figure in the report comes from — the criteria set, the SHA-256
//! of every input file as it was read, the seal as `verify` reports it, the tool's version
//! and the time the report was made (`SOURCE_DATE_EPOCH` when set, for a report that is
//! the same byte for byte when made again).

use super::w;
use crate::lang::Lang;
use maud::{html, Markup};
use time::OffsetDateTime;

/// One file read to make the report.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// What the file is to the dossier (`dossier.json`, `scores`, `manifest`, …).
    pub role: &'static str,
    /// The path as the user would type it.
    pub shown: String,
    pub sha256: String,
}

/// The seal of the dossier, as `verify` finds it.
#[derive(Clone, Debug)]
pub enum SealState {
    /// No `seal.json`.
    NotSealed,
    /// `seal.json` could not be read: the reason.
    Unreadable(String),
    /// Checked: whether every file matches, and `verify`'s own words.
    Checked { intact: bool, words: String },
}

#[derive(Clone, Debug)]
pub struct Provenance {
    pub criteria_id: String,
    pub criteria_title: String,
    pub files: Vec<InputFile>,
    pub seal: SealState,
    pub version: &'static str,
    pub generated: OffsetDateTime,
    /// Whether the time came from `SOURCE_DATE_EPOCH`.
    pub reproducible: bool,
}

/// The time in Vietnam (UTC+7), as the Office reads a clock: `15:30 ngày 15/01/2026
/// (giờ Việt Nam)`, `15:30, 2026-01-15 (Vietnam time)`.
pub fn generated_words(t: OffsetDateTime, lang: Lang) -> String {
    let vietnam = time::UtcOffset::from_hms(7, 0, 0).expect("UTC+7 is an offset");
    let t = t.to_offset(vietnam);
    let (h, m, d) = (t.hour(), t.minute(), super::date(t.date(), lang));
    match lang {
        Lang::Vi => format!("{h:02}:{m:02} ngày {d} (giờ Việt Nam)"),
        Lang::En => format!("{h:02}:{m:02}, {d} (Vietnam time)"),
    }
}

pub fn footer(p: &Provenance, lang: Lang) -> Markup {
    html! {
        footer #provenance {
            p {
                strong { (w(lang, "Nguồn số liệu. ", "Provenance. ")) }
                (w(lang, "Bộ tiêu chí: ", "Criteria: "))
                span data-field="criteria-id" { (p.criteria_id) } " — " (p.criteria_title) ". "
                (w(lang, "Lập bằng parscore ", "Made with parscore ")) span data-field="version" { (p.version) }
                (w(lang, " lúc ", " at "))
                span data-field="generated" { (generated_words(p.generated, lang)) }
                @if p.reproducible { " (SOURCE_DATE_EPOCH)" }
                "."
            }
            p {
                strong { (w(lang, "Niêm phong: ", "Seal: ")) }
                @match &p.seal {
                    SealState::NotSealed => span data-field="seal" data-seal="none" {
                        (w(lang, "hồ sơ chưa niêm phong (không có seal.json).", "the dossier is not sealed (no seal.json)."))
                    },
                    SealState::Unreadable(why) => span.seal-bad data-field="seal" data-seal="unreadable" { (why) },
                    SealState::Checked { intact, words } => span
                        class=(if *intact { "seal-ok" } else { "seal-bad" })
                        data-field="seal"
                        data-seal=(if *intact { "intact" } else { "changed" })
                        style="white-space:pre-line" { (words.trim_end()) },
                }
            }
            table {
                thead {
                    tr {
                        th { (w(lang, "Tệp đầu vào", "Input file")) }
                        th { (w(lang, "Tệp", "File")) }
                        th { "SHA-256" }
                    }
                }
                tbody {
                    @for f in &p.files {
                        tr data-input=(f.role) {
                            td { (role_words(f.role, lang)) }
                            td { (f.shown) }
                            td.hash data-sha256=(f.sha256) { (f.sha256) }
                        }
                    }
                }
            }
        }
    }
}

/// What an input file is, for the reader.
fn role_words(role: &str, lang: Lang) -> &str {
    let (vi, en) = match role {
        "scores" => ("phiếu điểm", "score sheet"),
        "plan" => ("kế hoạch", "plan"),
        "manifest" => ("danh mục tài liệu kiểm chứng", "evidence manifest"),
        "seal" => ("niêm phong", "seal"),
        "criteria" => ("bộ tiêu chí", "criteria"),
        "rankings" => ("xếp hạng công bố", "published ranking"),
        _ => (role, role),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generation_time_reads_as_a_person_writes_it() {
        let t = OffsetDateTime::from_unix_timestamp(1_768_465_800).unwrap();
        assert_eq!(
            generated_words(t, Lang::Vi),
            "15:30 ngày 15/01/2026 (giờ Việt Nam)"
        );
        assert_eq!(
            generated_words(t, Lang::En),
            "15:30, 2026-01-15 (Vietnam time)"
        );
        // Late in the evening in UTC is the next morning in Hải Phòng.
        let late = OffsetDateTime::from_unix_timestamp(1_768_518_000).unwrap();
        assert_eq!(
            generated_words(late, Lang::Vi),
            "06:00 ngày 16/01/2026 (giờ Việt Nam)"
        );
    }
}
