//! What the three charts share: sizes, colours, text styles, and turning plotters' errors
//! into messages.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

pub const WIDTH: u32 = 1600;
pub const FAMILY: &str = "sans-serif";

pub const ACHIEVED: RGBColor = RGBColor(31, 90, 160);
pub const LIGHT: RGBColor = RGBColor(222, 228, 236);
pub const ORANGE: RGBColor = RGBColor(230, 120, 20);
pub const THRESHOLD: RGBColor = RGBColor(200, 30, 30);
pub const PROJECTED: RGBColor = RGBColor(30, 140, 80);
pub const GREY: RGBColor = RGBColor(110, 110, 110);
pub const UNSCORED: RGBColor = RGBColor(246, 214, 120);
pub const PEER: RGBColor = RGBColor(150, 165, 185);
pub const INK: RGBColor = RGBColor(25, 25, 25);

/// A coordinate from an exact figure (only for placing marks; labels use the decimals).
pub fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

pub fn style(size: f64, colour: RGBColor) -> TextStyle<'static> {
    let mut s = TextStyle::from((FAMILY, size).into_font());
    s.color = colour.to_backend_color();
    s
}

pub fn bold(size: f64, colour: RGBColor) -> TextStyle<'static> {
    let mut s = TextStyle::from((FAMILY, size, FontStyle::Bold).into_font());
    s.color = colour.to_backend_color();
    s
}

pub fn anchored(s: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    s.pos(Pos::new(h, v))
}

/// A number for an axis, Vietnamese style: `92,5`.
pub fn axis_number(v: f64, vi: bool) -> String {
    let s = if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    };
    let lang = if vi {
        crate::lang::Lang::Vi
    } else {
        crate::lang::Lang::En
    };
    crate::number::with_decimal_mark(s, lang)
}

/// Draws into an SVG string of the given height. Every chart is drawn here, so this is where
/// the characters XML forbids leave the chart's text (plotters escapes `<`, `&` and quotes).
pub fn svg<E: std::fmt::Debug>(
    height: u32,
    paint: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> Result<(), E>,
) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| format!("{e:?}"))?;
        paint(&root).map_err(|e| format!("{e:?}"))?;
        root.present().map_err(|e| format!("{e:?}"))?;
    }
    let clean = crate::escape::xml_text(&out);
    Ok(bounded_texts(&clean, TEXT_LIMIT))
}

/// The most characters one text of a chart shows; a longer one (a unit name pasted 250,000
/// characters long) is cut there and ends with `…`, so that no text can hold the drawing,
/// nor the PNG's layout of it, for minutes. The charts' own words are far shorter.
pub const TEXT_LIMIT: usize = 300;

/// Cuts the content of every `<text>` element of an SVG after `limit` characters, never
/// inside an entity such as `&amp;`.
fn bounded_texts(svg: &str, limit: usize) -> String {
    let mut out = String::with_capacity(svg.len().min(1 << 20));
    let mut rest = svg;
    while let Some(open) = rest.find("<text") {
        let Some(gt) = rest[open..].find('>') else {
            break;
        };
        let content_at = open + gt + 1;
        let Some(len) = rest[content_at..].find("</text>") else {
            break;
        };
        out.push_str(&rest[..content_at]);
        out.push_str(&cut(&rest[content_at..content_at + len], limit));
        rest = &rest[content_at + len..];
    }
    out.push_str(rest);
    out
}

fn cut(content: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    let mut shown = 0;
    let mut in_entity = false;
    for (at, c) in content.char_indices() {
        if !in_entity && shown == limit {
            return format!("{}…", &content[..at]).into();
        }
        match c {
            '&' => in_entity = true,
            ';' if in_entity => {
                in_entity = false;
                shown += 1;
            }
            _ if in_entity => {}
            _ => shown += 1,
        }
    }
    content.into()
}

/// A legend entry: a swatch and its words, at `(x, y)`.
pub fn swatch(
    root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    x: i32,
    y: i32,
    colour: RGBColor,
    words: &str,
) -> Result<i32, DrawingAreaErrorKind<std::io::Error>> {
    root.draw(&Rectangle::new(
        [(x, y - 8), (x + 22, y + 8)],
        colour.filled(),
    ))?;
    root.draw(&Text::new(
        words.to_string(),
        (x + 30, y),
        anchored(style(17.0, INK), HPos::Left, VPos::Center),
    ))?;
    // The width taken, to place the next entry: about 0.55 em per character.
    Ok(x + 30 + (words.chars().count() as f64 * 17.0 / 1.24 * 0.56) as i32 + 36)
}

/// The title and the line under it, at the top left.
pub fn heading(
    root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    title: &str,
    subtitle: &str,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    root.draw(&Text::new(
        title.to_string(),
        (40, 28),
        anchored(bold(34.0, INK), HPos::Left, VPos::Top),
    ))?;
    root.draw(&Text::new(
        subtitle.to_string(),
        (40, 76),
        anchored(style(21.0, GREY), HPos::Left, VPos::Top),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_the_limit_is_cut_with_an_ellipsis_outside_entities() {
        let svg = "<svg><text x=\"1\">Sở &amp; Ban</text><text>abcdef</text></svg>";
        assert_eq!(
            bounded_texts(svg, 4),
            "<svg><text x=\"1\">Sở &amp;…</text><text>abcd…</text></svg>"
        );
        assert_eq!(bounded_texts(svg, 9), svg);
    }
}
