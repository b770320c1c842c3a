//! The documents the Office signs and sends, as Word files in the state's format (Decree
//! 30/2020/NĐ-CP): the self-assessment report (`export --docx`) and the explanation letter
//! to the appraisal council (`export --docx --appeal`). Each takes figures already computed
//! (the score sheet, the evidence check, [`crate::submission`]) and the `report` section
//! of `dossier.json`; nothing here computes a figure. Written with docx-rs: A4 section,
//! first-page header (`w:titlePg`) and the PAGE field come from it.

mod appeal;
mod explain;
mod header;
mod package;
mod style;
mod summary;

pub use header::{keep_place_together, place_and_date, BLANK, MOTTO_RULE};
pub use style::{bold_width, CELL_MARGIN, FONT, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH};

use crate::criteria::Criteria;
use crate::dossier::ReportInfo;
use crate::evidence::Manifest;
use crate::lang::Lang;
use crate::number::{show_percent, show_points};
use crate::scoring::ScoreSheet;
use crate::submission::{Appeal, ToExplain, Unscored};
use header::Heading;
use style::{body_text, heading, Look, BODY};

/// What the report is built from.
pub struct ReportData<'a> {
    pub sheet: &'a ScoreSheet,
    pub criteria: &'a Criteria,
    pub manifest: Option<&'a Manifest>,
    /// The leaves to explain; without a manifest to check, those the unit explained.
    pub to_explain: &'a [ToExplain],
    /// Whether the evidence list was checked (the dossier has a manifest).
    pub checked: bool,
    /// The leaves not scored yet.
    pub unscored: &'a [Unscored],
    pub info: &'a ReportInfo,
    /// The export time (or `SOURCE_DATE_EPOCH`), for the document's properties.
    pub created: time::OffsetDateTime,
}

fn props<'a>(
    unit: &'a str,
    title: &'a str,
    created: time::OffsetDateTime,
    lang: Lang,
) -> package::Props<'a> {
    package::Props {
        author: unit,
        title,
        created,
        language: match lang {
            Lang::Vi => "vi-VN",
            Lang::En => "en-US",
        },
    }
}

/// The self-assessment report, packed.
pub fn report(d: &ReportData, lang: Lang) -> Result<Vec<u8>, String> {
    let vi = lang == Lang::Vi;
    let s = d.sheet;
    let year = s.year;
    let unit = s.unit.as_str();
    let mut doc = style::document().add_table(header::block(
        &Heading {
            info: d.info,
            unit,
            number: d.info.number.as_deref(),
            kind: Some("BC"),
            date: d.info.date,
            subject: None,
        },
        lang,
    ));
    let summary = if vi {
        format!("Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year}")
    } else {
        format!("Self-assessment for the Public Administration Reform Index, {year}")
    };
    for p in header::title(if vi { "BÁO CÁO" } else { "REPORT" }, &summary) {
        doc = doc.add_paragraph(p);
    }
    let intro = if d.info.introduction.is_empty() {
        vec![if vi {
            format!("{unit} báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year} như sau:")
        } else {
            format!("{unit} reports its self-assessment for the PAR Index of {year} as follows:")
        }]
    } else {
        d.info.introduction.clone()
    };
    for p in &intro {
        doc = doc.add_paragraph(body_text(p));
    }
    doc = doc.add_paragraph(heading(if vi {
        "I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM"
    } else {
        "I. RESULT OF THE SELF-ASSESSMENT"
    }));
    for p in result_sentences(s, d.unscored, lang) {
        doc = doc.add_paragraph(body_text(&p));
    }
    doc = doc.add_table(summary::table(s, d.criteria, d.manifest, lang));
    doc = doc.add_paragraph(style::gap(BODY));
    doc = doc.add_paragraph(heading(if vi {
        "II. GIẢI TRÌNH CÁC TIÊU CHÍ THÀNH PHẦN CHƯA CÓ HOẶC CHƯA ĐỦ TÀI LIỆU KIỂM CHỨNG"
    } else {
        "II. EXPLANATION OF THE COMPONENTS WITHOUT COMPLETE EVIDENCE"
    }));
    for p in explain::entries(d.to_explain, d.checked, lang) {
        doc = doc.add_paragraph(p);
    }
    let free = [
        (
            if vi {
                "III. KHÓ KHĂN, VƯỚNG MẮC"
            } else {
                "III. DIFFICULTIES"
            },
            &d.info.difficulties,
        ),
        (
            if vi {
                "IV. KIẾN NGHỊ, ĐỀ XUẤT"
            } else {
                "IV. RECOMMENDATIONS"
            },
            &d.info.recommendations,
        ),
    ];
    for (title, paragraphs) in free {
        doc = doc.add_paragraph(heading(title));
        for p in blank_if_empty(paragraphs, lang) {
            doc = doc.add_paragraph(p);
        }
    }
    doc = doc.add_paragraph(body_text(&if vi {
        format!("Trên đây là báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year} của {unit}./.")
    } else {
        format!("This concludes the self-assessment report of {unit} for {year}.")
    }).keep_next(true));
    doc = doc.add_table(header::signature(d.info, &[], lang));
    let title = format!("{} {summary}", if vi { "Báo cáo" } else { "Report:" });
    style::pack(doc, &props(unit, &title, d.created, lang))
}

/// The headline figures, in words, and the leaves not scored yet.
fn result_sentences(s: &ScoreSheet, unscored: &[Unscored], lang: Lang) -> Vec<String> {
    let t = &s.totals;
    let p = |d| show_points(d, lang);
    let index = show_percent(t.index().unwrap_or_default(), lang);
    let (points, max) = (p(t.points), p(t.max));
    let mut out = vec![match lang {
        Lang::Vi => format!(
            "Tổng điểm tự đánh giá: {points}/{max} điểm; Chỉ số cải cách hành chính: {index}%."
        ),
        Lang::En => format!("Self-assessed total: {points}/{max} points; PAR index: {index}%."),
    }];
    if t.survey_max > rust_decimal::Decimal::ZERO {
        let (sa, sm) = (p(t.survey_achieved), p(t.survey_max));
        out.push(match lang {
            Lang::Vi => {
                format!("Trong đó điểm điều tra xã hội học là điểm dự kiến: {sa}/{sm} điểm.")
            }
            Lang::En => format!("Of which the survey points are projected: {sa}/{sm} points."),
        });
    }
    if !unscored.is_empty() {
        let n = unscored.len();
        let max = p(unscored.iter().map(|u| u.max).sum());
        let codes = unscored
            .iter()
            .map(|u| u.code.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        out.push(match lang {
            Lang::Vi => format!("Còn {n} tiêu chí thành phần chưa chấm điểm (ghi \"Chưa chấm\" trong Bảng tổng hợp, tổng điểm tối đa {max} điểm, chưa tính vào tổng điểm): {codes}."),
            Lang::En => format!("{n} components are not scored yet (\"Not scored\" in the summary table, {max} points at most, not counted in the total): {codes}."),
        });
    }
    out.push(match lang {
        Lang::Vi => "Kết quả chi tiết theo Bảng tổng hợp dưới đây:".to_string(),
        Lang::En => "The details are in the summary table below:".to_string(),
    });
    out
}

fn blank_if_empty(paragraphs: &[String], lang: Lang) -> Vec<docx_rs::Paragraph> {
    if paragraphs.is_empty() {
        let hint = match lang {
            Lang::Vi => format!("{BLANK}{BLANK}{BLANK} (đơn vị bổ sung nội dung)"),
            Lang::En => format!("{BLANK}{BLANK}{BLANK} (to be filled in by the unit)"),
        };
        return vec![style::body(vec![style::run(&hint, Look::italic(BODY))])];
    }
    paragraphs.iter().map(|p| body_text(p)).collect()
}

/// The explanation letter to the appraisal council, packed.
pub fn appeal_letter(
    sheet: &ScoreSheet,
    a: &Appeal,
    info: &ReportInfo,
    created: time::OffsetDateTime,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let vi = lang == Lang::Vi;
    let (unit, year) = (sheet.unit.as_str(), sheet.year);
    let subject = if vi {
        format!("V/v giải trình, bổ sung kết quả thẩm định Chỉ số cải cách hành chính năm {year}")
    } else {
        format!("Re: explanation of the appraisal of the PAR Index, {year}")
    };
    let mut doc = style::document().add_table(header::block(
        &Heading {
            info,
            unit,
            number: info.appeal_number.as_deref(),
            kind: None,
            date: info.appeal_date,
            subject: Some(subject.clone()),
        },
        lang,
    ));
    doc = doc.add_paragraph(style::gap(BODY));
    let to = info.appeal_to.as_deref().unwrap_or(BLANK);
    doc = doc.add_paragraph(
        style::centred(
            &format!("{} {to}", if vi { "Kính gửi:" } else { "To:" }),
            Look::plain(BODY),
        )
        .line_spacing(docx_rs::LineSpacing::new().before(0).after(240)),
    );
    let n = a.cuts.len();
    let intro = if info.appeal_introduction.is_empty() {
        vec![if vi {
            format!("Căn cứ kết quả thẩm định Chỉ số cải cách hành chính năm {year}, {unit} giải trình, bổ sung đối với {n} tiêu chí thành phần có điểm thẩm định thấp hơn điểm tự đánh giá như sau:")
        } else {
            format!("Following the appraisal of the PAR Index for {year}, {unit} explains the {n} components the council scored below the self-assessment:")
        }]
    } else {
        info.appeal_introduction.clone()
    };
    for p in &intro {
        doc = doc.add_paragraph(body_text(p));
    }
    doc = doc.add_paragraph(appeal::totals(a, lang));
    doc = doc.add_table(appeal::table(a, lang));
    doc = doc.add_paragraph(style::gap(BODY));
    for p in appeal::entries(a, lang) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(body_text(&if vi {
        format!("{unit} kính đề nghị Hội đồng thẩm định xem xét, điều chỉnh điểm các tiêu chí thành phần nêu trên./.")
    } else {
        format!("{unit} asks the council to review the points of the components above.")
    }).keep_next(true));
    let first = [if vi { "Như trên;" } else { "As above;" }.to_string()];
    doc = doc.add_table(header::signature(info, &first, lang));
    style::pack(doc, &props(unit, &subject, created, lang))
}
