//! The leadership report as self-contained HTML (`parscore report`): the one A4 page a
//! Director reads and signs, and the working appendix (`--appendix`), a document of its
//! own; everything inline (CSS, SVG charts), no script and no request of any kind.
//!
//! The page is built with maud, whose templates escape every value at compile time: a unit
//! name or a document title from a data file always arrives as text, never as markup. The
//! only markup not written here is the charts' SVG, drawn by `chart/` (which escapes its
//! text for XML) and set in place as it is. Every figure comes from the library's results
//! (score sheet, evidence check, gap, comparison) and is formatted by `number.rs`; elements
//! a reader (or a test) looks up carry `data-figure`, `data-code` or `data-step`.

mod appendix;
mod areas;
mod compare;
mod evidence;
mod one_page;
mod provenance;
mod recovery;
mod style;
mod summary;

pub use provenance::{InputFile, Provenance, SealState};

use crate::compare::Comparison;
use crate::criteria::Criteria;
use crate::dossier::Plan;
use crate::evidence::{Assessment, Manifest};
use crate::gap::Gap;
use crate::lang::Lang;
use crate::scoring::ScoreSheet;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The unit's latest published rank (the ranking file), for the summary.
#[derive(Clone, Debug)]
pub struct PublishedRank {
    pub year: i32,
    pub rank: u32,
    pub score: rust_decimal::Decimal,
}

/// One of the charts `parscore chart` draws, as SVG text.
#[derive(Clone, Debug)]
pub struct Chart {
    /// `areas`, `gap` or `trend`.
    pub name: &'static str,
    pub svg: String,
}

/// Everything the report shows, as the library computed it.
pub struct Report<'a> {
    pub sheet: &'a ScoreSheet,
    pub criteria: &'a Criteria,
    pub plan: Option<&'a Plan>,
    /// The manifest and its check, when the dossier has one.
    pub evidence: Option<(&'a Manifest, &'a Assessment)>,
    pub gap: &'a Gap,
    pub published: Option<PublishedRank>,
    /// The year comparison, when other years were given (`--compare`).
    pub comparison: Option<&'a Comparison>,
    pub charts: Vec<Chart>,
    pub provenance: &'a Provenance,
    /// The `report` section of `dossier.json` (place and signer), when it could be read.
    pub info: Option<&'a crate::dossier::ReportInfo>,
}

/// What the page may load: nothing but its own inline styles and data images.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// The one page a Director reads and signs.
pub fn render(r: &Report, lang: Lang) -> String {
    let s = r.sheet;
    let title = match lang {
        Lang::Vi => format!(
            "Báo cáo Chỉ số CCHC năm {} — {}",
            s.year,
            crate::escape::one_line(&s.unit)
        ),
        Lang::En => format!(
            "PAR Index report {} — {}",
            s.year,
            crate::escape::one_line(&s.unit)
        ),
    };
    let body = html! {
        main.one-page { (one_page::page(r, lang)) }
    };
    document(r, &title, style::ONE_PAGE, body, lang)
}

/// The working appendix, a document of its own for the unit's people: every figure
/// behind the page (the whole recovery list, every evidence problem, the years, the
/// charts, the working of every leaf) and where it comes from.
pub fn render_appendix(r: &Report, lang: Lang) -> String {
    let s = r.sheet;
    let title = match lang {
        Lang::Vi => format!(
            "Phụ lục số liệu Chỉ số CCHC năm {} — {}",
            s.year,
            crate::escape::one_line(&s.unit)
        ),
        Lang::En => format!(
            "PAR Index working appendix {} — {}",
            s.year,
            crate::escape::one_line(&s.unit)
        ),
    };
    let body = html! {
        main {
            (summary::section(r, lang))
            (areas::section(r, lang))
            (recovery::section(r, lang))
            (evidence::section(r, lang))
            (compare::section(r, lang))
            (charts(r, lang))
            (appendix::section(r, lang))
        }
        (provenance::footer(r.provenance, lang))
    };
    document(r, &title, "", body, lang)
}

fn document(r: &Report, title: &str, extra_css: &str, body: Markup, lang: Lang) -> String {
    let page = html! {
        (DOCTYPE)
        html lang=(lang_code(lang)) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy"
                    content=(CONTENT_SECURITY_POLICY);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(format!("parscore {}", r.provenance.version));
                title { (title) }
                style { (PreEscaped(style::CSS)) (PreEscaped(extra_css)) }
            }
            body { (body) }
        }
    };
    // Text from the dossier cannot reorder what follows it (escape::for_reader).
    let mut out = crate::escape::for_reader(&page.into_string()).into_owned();
    out.push('\n');
    out
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

/// The Vietnamese or the English words.
pub(crate) fn w(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A date for the reader: `15/01/2026` in Vietnamese, `2026-01-15` in English.
pub(crate) fn date(d: time::Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => crate::value::show_date(d),
        Lang::En => crate::value::iso_date(d),
    }
}

fn charts(r: &Report, lang: Lang) -> Markup {
    if r.charts.is_empty() {
        return html! {};
    }
    html! {
        section #charts {
            h2 { (w(lang, "Biểu đồ", "Charts")) }
            @for c in &r.charts {
                figure.chart data-chart=(c.name) {
                    // Drawn by chart/, whose text is escaped for XML there.
                    (PreEscaped(svg_body(&c.svg)))
                }
            }
        }
    }
}

/// The SVG element alone, without an XML declaration or doctype before it.
fn svg_body(svg: &str) -> &str {
    svg.find("<svg").map(|i| &svg[i..]).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_loses_what_comes_before_its_root() {
        assert_eq!(
            svg_body("<?xml version=\"1.0\"?>\n<svg width=\"1\"/>"),
            "<svg width=\"1\"/>"
        );
        assert_eq!(svg_body("no svg"), "");
    }
}
