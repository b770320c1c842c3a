//! Charts for leadership, drawn with plotters into SVG; PNG is that SVG rendered by resvg
//! with a font embedded in the binary (Noto Sans, SIL OFL 1.1, `assets/fonts/`), so the
//! output is the same on a machine with no fonts installed.
//!
//! Positions are computed in floating point (pixels); every figure written on a chart is
//! formatted from the exact decimals by the same functions the text reports use.

mod areas;
mod draw;
mod ranking;
mod trend;
mod trend_panel;

pub use areas::{areas, AdjustmentBar, AreaBar, AreasChart};
pub use ranking::{gap_chart, GapChart, RankBar, RankKind};
pub use trend::{trend, Series, TrendChart};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};
use std::sync::Arc;

pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
pub const FONT_FAMILY: &str = "Noto Sans";

/// Print resolution: the SVG's pixels are scaled by this for PNG (1600 px wide → 3200 px,
/// 300 dpi across 27 cm).
pub const PNG_SCALE: f32 = 2.0;

/// A font database holding only the embedded fonts, with every generic family mapped to
/// them. Never empty: resvg would silently draw no text.
pub fn font_database() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    db.load_font_data(FONT_REGULAR.to_vec());
    db.load_font_data(FONT_BOLD.to_vec());
    db.set_sans_serif_family(FONT_FAMILY);
    db.set_serif_family(FONT_FAMILY);
    db.set_monospace_family(FONT_FAMILY);
    assert!(db.len() >= 2, "the embedded fonts did not load");
    db
}

/// Renders an SVG to PNG at [`PNG_SCALE`], with the embedded fonts only.
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: Arc::new(font_database()),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(PNG_SCALE)
        .ok_or("chart too large")?;
    // Drawn in bands of STRIP rows and streamed into the PNG encoder, so that memory stays
    // a few megabytes however tall the chart: a whole 3200 × 20,000 pixmap and its copy for
    // encoding took 500 MB. The background is opaque white, so every pixel is opaque and
    // its premultiplied colour is its colour.
    const STRIP: u32 = 256;
    let (width, height) = (size.width(), size.height());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    let mut stream = writer.stream_writer().map_err(|e| e.to_string())?;
    let mut top = 0;
    while top < height {
        let rows = STRIP.min(height - top);
        let mut strip = tiny_skia::Pixmap::new(width, rows).ok_or("chart too large")?;
        strip.fill(tiny_skia::Color::WHITE);
        let shift = tiny_skia::Transform::from_translate(0.0, -(top as f32));
        resvg::render(
            &tree,
            shift.pre_scale(PNG_SCALE, PNG_SCALE),
            &mut strip.as_mut(),
        );
        std::io::Write::write_all(&mut stream, strip.data()).map_err(|e| e.to_string())?;
        top += rows;
    }
    stream.finish().map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Vietnamese letter, lower and upper case, with every tone.
    const VIETNAMESE: &str =
        "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";

    #[test]
    fn both_embedded_faces_cover_every_vietnamese_letter() {
        for data in [FONT_REGULAR, FONT_BOLD] {
            let face = ttf_parser::Face::parse(data, 0).unwrap();
            let upper = VIETNAMESE.to_uppercase();
            for c in VIETNAMESE
                .chars()
                .chain(upper.chars())
                .chain("0123456789,%–—".chars())
            {
                assert!(face.glyph_index(c).is_some(), "no glyph for {c}");
            }
        }
    }

    #[test]
    fn the_font_database_holds_the_two_embedded_faces() {
        assert_eq!(font_database().len(), 2);
    }

    #[test]
    fn text_renders_without_system_fonts() {
        let svg = "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='40'>\
                   <text x='4' y='28' font-family='sans-serif' font-size='20'>Cải cách hành chính</text></svg>";
        let png = png(svg).unwrap();
        let img = tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert_eq!((img.width(), img.height()), (400, 80));
        let dark = img.pixels().iter().filter(|p| p.red() < 128).count();
        assert!(dark > 500, "only {dark} dark pixels: no text drawn");
    }
}
