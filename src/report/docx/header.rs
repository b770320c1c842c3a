//! The parts every state document has around its body (Decree 30/2020/NĐ-CP, Appendix I):
//! the header block (issuing body and number on the left, the national title and the place
//! and date on the right, in a borderless table), the document type and summary, and at
//! the end the recipients ("Nơi nhận:") beside the signature block. What the dossier does
//! not say is left as a marked blank ("…") for the Office to fill in.

use super::style::{self, centred, layout_table, para, rule, run, Look, BODY, HEAD, SMALL};
use crate::dossier::ReportInfo;
use crate::lang::Lang;
use docx_rs::{AlignmentType, Paragraph, Table};
use time::Date;

/// The marked blank left where the dossier says nothing.
pub const BLANK: &str = "…";
const WIDTHS: [usize; 2] = [3800, style::TEXT_WIDTH - 3800];

/// What the header block of one document says.
pub struct Heading<'a> {
    pub info: &'a ReportInfo,
    pub unit: &'a str,
    /// The number and symbol; when it is missing, the document kind's symbol (`BC`) is
    /// shown between the blanks.
    pub number: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub date: Option<Date>,
    /// A letter's summary under its number (`V/v …`).
    pub subject: Option<String>,
}

/// The header block: issuing body | national title, then number (and a letter's summary)
/// | place and date. Two rows, so that `Số:` and the date stand on the same line however
/// many lines the issuing body takes.
pub fn block(h: &Heading, lang: Lang) -> Table {
    let vi = lang == Lang::Vi;
    let issuer = h
        .info
        .issuer
        .clone()
        .unwrap_or_else(|| h.unit.to_uppercase());
    let mut left = Vec::new();
    if let Some(s) = &h.info.superior {
        left.push(centred(&keep_place_together(s), Look::plain(24)));
    }
    left.push(centred(&keep_place_together(&issuer), Look::bold(24)));
    left.push(rule(WIDTHS[0], ISSUER_RULE));
    let number = match (h.number, h.kind) {
        (Some(n), _) => n.to_string(),
        (None, Some(kind)) => format!("{BLANK}/{kind}-{BLANK}"),
        (None, None) => format!("{BLANK}/{BLANK}"),
    };
    let number = if vi {
        format!("Số: {number}")
    } else {
        format!("No.: {number}")
    };
    let mut below_left = vec![centred(&number, Look::plain(HEAD))];
    if let Some(subject) = &h.subject {
        below_left.push(centred(subject, Look::plain(24)));
    }
    let (nation, motto) = if vi {
        (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
        )
    } else {
        (
            "SOCIALIST REPUBLIC OF VIET NAM",
            "Independence - Freedom - Happiness",
        )
    };
    let right = vec![
        centred(nation, Look::bold(24)),
        centred(motto, Look::bold(HEAD)),
        rule(WIDTHS[1], if vi { MOTTO_RULE } else { MOTTO_RULE_EN }),
    ];
    let below_right = vec![centred(
        &place_and_date(h.info.place.as_deref(), h.date, lang),
        Look::italic(BODY),
    )];
    style::layout_rows(WIDTHS, vec![(left, right), (below_left, below_right)])
}

/// The rules of the header block, in twips: under the motto as long as the motto
/// ("Độc lập - Tự do - Hạnh phúc" in Times New Roman bold 13 pt is 56,4 mm; its English
/// form 74,6 mm), under the issuing body about a third of its column.
pub const MOTTO_RULE: usize = 3200;
pub const MOTTO_RULE_EN: usize = 4230;
const ISSUER_RULE: usize = 1200;

/// A place name inside an upper-case body name is kept on one line: in "ỦY BAN NHÂN DÂN
/// THÀNH PHỐ HẢI PHÒNG" the words from "THÀNH PHỐ" on are joined by no-break spaces, so a
/// narrow column breaks before the place, never inside it.
pub fn keep_place_together(name: &str) -> String {
    const PLACES: [&str; 8] = [
        "THÀNH PHỐ ",
        "TỈNH ",
        "QUẬN ",
        "HUYỆN ",
        "THỊ XÃ ",
        "PHƯỜNG ",
        "XÃ ",
        "ĐẶC KHU ",
    ];
    let at = PLACES
        .iter()
        .filter_map(|p| name.find(p))
        .filter(|i| *i == 0 || name[..*i].ends_with(' '))
        .min();
    match at {
        // A long place name is better broken than pushed out of its column.
        Some(i) if name[i..].chars().count() <= 28 => {
            format!("{}{}", &name[..i], name[i..].replace(' ', "\u{a0}"))
        }
        _ => name.to_string(),
    }
}

/// `Hải Phòng, ngày 05 tháng 02 năm 2026`: a day below 10 and the months January and
/// February written with a leading zero, as Decree 30 asks.
pub fn place_and_date(place: Option<&str>, date: Option<Date>, lang: Lang) -> String {
    let place = place.unwrap_or(BLANK);
    match (date, lang) {
        (Some(d), Lang::Vi) => {
            let month = u8::from(d.month());
            let month = if month < 3 {
                format!("{month:02}")
            } else {
                month.to_string()
            };
            format!(
                "{place}, ngày {:02} tháng {month} năm {}",
                d.day(),
                d.year()
            )
        }
        (Some(d), Lang::En) => format!("{place}, {}", crate::value::show_date(d)),
        (None, Lang::Vi) => format!("{place}, ngày {BLANK} tháng {BLANK} năm {BLANK}"),
        (None, Lang::En) => format!("{place}, {BLANK}/{BLANK}/{BLANK}"),
    }
}

/// The document type and its summary, centred and bold, with a rule below as long as two
/// fifths of the summary (Decree 30 asks for a third to a half of it).
pub fn title(kind: &str, summary: &str) -> Vec<Paragraph> {
    let width = (style::bold_width(summary, BODY) * 2 / 5).min(style::TEXT_WIDTH);
    vec![
        style::gap(HEAD),
        centred(kind, Look::bold(BODY)).keep_next(true),
        centred(summary, Look::bold(BODY)).keep_next(true),
        style::page_rule(width),
    ]
}

/// Recipients on the left, the signer's title, room to sign and name on the right.
pub fn signature(info: &ReportInfo, first: &[String], lang: Lang) -> Table {
    let vi = lang == Lang::Vi;
    let mut left = vec![para(
        vec![run(
            if vi { "Nơi nhận:" } else { "Recipients:" },
            Look {
                size: 24,
                bold: true,
                italic: true,
            },
        )],
        AlignmentType::Left,
        0,
    )];
    let mut recipients: Vec<String> = first.to_vec();
    recipients.extend(info.recipients.iter().cloned());
    if recipients.is_empty() {
        recipients.push(BLANK.to_string());
    }
    for r in &recipients {
        left.push(para(
            vec![run(&format!("- {r}"), Look::plain(SMALL))],
            AlignmentType::Left,
            0,
        ));
    }
    let title = info.signer_title.as_deref().unwrap_or(BLANK);
    let signer = info.signer.as_deref().unwrap_or(BLANK);
    let right = vec![
        centred(title, Look::bold(BODY)),
        style::gap(BODY),
        style::gap(BODY),
        style::gap(BODY),
        style::gap(BODY),
        centred(signer, Look::bold(BODY)),
    ];
    layout_table([4300, style::TEXT_WIDTH - 4300], left, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_inside_a_body_name_is_never_broken() {
        assert_eq!(
            keep_place_together("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"),
            "ỦY BAN NHÂN DÂN THÀNH\u{a0}PHỐ\u{a0}HẢI\u{a0}PHÒNG"
        );
        assert_eq!(
            keep_place_together("UBND TỈNH QUẢNG NINH"),
            "UBND TỈNH\u{a0}QUẢNG\u{a0}NINH"
        );
        assert_eq!(keep_place_together("BỘ NỘI VỤ"), "BỘ NỘI VỤ");
    }

    #[test]
    fn dates_are_written_as_decree_30_asks() {
        let d =
            |y, m, day| Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), day).ok();
        assert_eq!(
            place_and_date(Some("Hải Phòng"), d(2026, 2, 5), Lang::Vi),
            "Hải Phòng, ngày 05 tháng 02 năm 2026"
        );
        assert_eq!(
            place_and_date(Some("Hải Phòng"), d(2026, 12, 20), Lang::Vi),
            "Hải Phòng, ngày 20 tháng 12 năm 2026"
        );
        assert_eq!(
            place_and_date(None, None, Lang::Vi),
            "…, ngày … tháng … năm …"
        );
        assert_eq!(
            place_and_date(Some("Hải Phòng"), d(2026, 1, 15), Lang::En),
            "Hải Phòng, 15/01/2026"
        );
    }
}
