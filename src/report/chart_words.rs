//! The words of the charts that issue 13 (honest views) added: the strict score unknown,
//! the trend's legend and its years by basis. Kept apart so that the presentation layer
//! can take them whole.

use crate::compare::Basis;
use crate::lang::Lang;

/// "2017–2020, 2022": three or more years in a row as a range, the others one by one.
pub fn years_phrase(years: &[i32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let mut j = i;
        while j + 1 < years.len() && years[j + 1] == years[j] + 1 {
            j += 1;
        }
        if j >= i + 2 {
            parts.push(format!("{}–{}", years[i], years[j]));
        } else {
            parts.extend(years[i..=j].iter().map(i32::to_string));
        }
        i = j + 1;
    }
    parts.join(", ")
}

/// The trend legend's words for the red line: "Ngưỡng hạng 5 (công bố)".
pub fn trend_line_words(rank: Option<u32>, lang: Lang) -> String {
    let k = rank.unwrap_or_default();
    match lang {
        Lang::Vi => format!("Ngưỡng hạng {k} (công bố)"),
        Lang::En => format!("Rank {k} line (published)"),
    }
}

/// The trend legend's words for a year's marker.
pub fn trend_basis_words(basis: Basis, lang: Lang) -> String {
    match (basis, lang) {
        (Basis::Appraised, Lang::Vi) => "Năm đã thẩm định".into(),
        (Basis::Projected, Lang::Vi) => "Tự đánh giá + ĐTXHH dự kiến (chưa thẩm định)".into(),
        (Basis::Appraised, Lang::En) => "Appraised year".into(),
        (Basis::Projected, Lang::En) => "Self-assessed + projected survey (not appraised)".into(),
    }
}

/// "; điểm chặt chưa rõ (không có manifest.csv)": where a chart would show the strict
/// total of a dossier with no manifest.
pub fn strict_unknown_note(lang: Lang) -> String {
    let unknown = crate::report::strict::unknown(lang);
    match lang {
        Lang::Vi => format!("; điểm chặt {unknown}"),
        Lang::En => format!("; strict {unknown}"),
    }
}

/// "2024, 2025: thẩm định", "2026: tự đánh giá + ĐTXHH dự kiến": years of the same basis in
/// a row named together, so that ten years fit the trend's subtitle.
pub fn basis_by_years(years: impl Iterator<Item = (i32, Basis)>, lang: Lang) -> Vec<String> {
    let mut runs: Vec<(Basis, Vec<i32>)> = Vec::new();
    for (year, basis) in years {
        match runs.last_mut() {
            Some((b, ys)) if *b == basis => ys.push(year),
            _ => runs.push((basis, vec![year])),
        }
    }
    runs.iter()
        .map(|(b, ys)| {
            let ys = years_phrase(ys);
            match (b, lang) {
                (Basis::Appraised, Lang::Vi) => format!("{ys}: thẩm định"),
                (Basis::Projected, Lang::Vi) => format!("{ys}: tự đánh giá + ĐTXHH dự kiến"),
                (Basis::Appraised, Lang::En) => format!("{ys}: appraised"),
                (Basis::Projected, Lang::En) => format!("{ys}: self-assessed + projected survey"),
            }
        })
        .collect()
}

/// The most characters of a name (a unit, a criteria set) a chart's title or subtitle
/// quotes: a longer one is cut there with `…`, so that the year after it stays on the chart.
pub const NAME_LIMIT: usize = 80;

/// The most characters of a unit's name in a bar's label, which has the room left of the
/// bars (the shipped ranking's longest name has 28).
pub const LABEL_LIMIT: usize = 48;

/// `name`, cut after [`NAME_LIMIT`] characters with `…`.
pub fn shorten(name: &str) -> std::borrow::Cow<'_, str> {
    cut_after(name, NAME_LIMIT)
}

/// `name`, cut after [`LABEL_LIMIT`] characters with `…`.
pub fn label_name(name: &str) -> std::borrow::Cow<'_, str> {
    cut_after(name, LABEL_LIMIT)
}

fn cut_after(name: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    match name.char_indices().nth(limit) {
        None => name.into(),
        Some((at, _)) => format!("{}…", &name[..at]).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_years_in_a_row_are_a_range_two_are_named() {
        assert_eq!(
            years_phrase(&[2017, 2018, 2019, 2020, 2022]),
            "2017–2020, 2022"
        );
        assert_eq!(years_phrase(&[2024, 2025]), "2024, 2025");
        assert_eq!(years_phrase(&[2026]), "2026");
    }
}
