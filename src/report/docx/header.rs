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

/// The header block: issuing body and number | national title, place and date.
pub fn block(h: &Heading, lang: Lang) -> Table {
    let vi = lang == Lang::Vi;
    let issuer = h
        .info
        .issuer
        .clone()
        .unwrap_or_else(|| h.unit.to_uppercase());
    let mut left = Vec::new();
    if let Some(s) = &h.info.superior {
        left.push(centred(s, Look::plain(24)));
    }
    left.push(centred(&issuer, Look::bold(24)));
    left.push(rule(WIDTHS[0], 1200));
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
    left.push(centred(&number, Look::plain(HEAD)));
    if let Some(subject) = &h.subject {
        left.push(centred(subject, Look::plain(24)));
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
        rule(WIDTHS[1], 2200),
        centred(
            &place_and_date(h.info.place.as_deref(), h.date, lang),
            Look::italic(BODY),
        ),
    ];
    layout_table(WIDTHS, left, right)
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

/// The document type and its summary, centred and bold, with a rule below.
pub fn title(kind: &str, summary: &str) -> Vec<Paragraph> {
    vec![
        style::gap(HEAD),
        centred(kind, Look::bold(BODY)),
        centred(summary, Look::bold(BODY)),
        rule(style::TEXT_WIDTH, 1800),
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
