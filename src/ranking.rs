//! The city's published ranking (`criteria/rankings.csv`): `year,group,unit,score,rank,source`,
//! and the line a unit has to beat.

use crate::diag::{Diagnostic, Diagnostics, Fatal};
use crate::input::{fold, read_table};
use crate::number::parse_decimal;
use crate::text;
use rust_decimal::Decimal;
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub line: usize,
    pub year: i32,
    pub group: String,
    pub unit: String,
    pub score: Decimal,
    pub rank: u32,
    pub source: String,
}

#[derive(Clone, Debug, Default)]
pub struct Rankings {
    pub source: String,
    pub entries: Vec<Entry>,
}

/// Reads the ranking; every bad row is reported, with its line.
pub fn read(
    path: &Path,
    source: &str,
    diags: &mut Diagnostics,
    read: crate::input::ReadOptions,
) -> Result<Option<Rankings>, Fatal> {
    if !path.exists() {
        return Err(Fatal::from(Diagnostic::error(
            source,
            text!(vi: "không có tệp xếp hạng", en: "no ranking file here"),
        )));
    }
    // A shared file that may name anything: until its header shows a ranking, nothing of
    // its content is quoted (a row problem would quote cells of, say, /etc/passwd).
    let table = match read_table(path, source, crate::fsio::Within::Anywhere, read)? {
        Ok(t) => t,
        Err(d) => {
            diags.push(*d);
            return Ok(None);
        }
    };
    let required = ["year", "group", "unit", "score", "rank"];
    if required.iter().all(|c| table.column(c).is_none()) {
        diags.push(
            Diagnostic::error(
                source,
                text!(
                    vi: "tệp này không phải bảng xếp hạng: dòng tiêu đề không có cột nào trong \"year,group,unit,score,rank,source\"",
                    en: "this file is not a ranking: its header row has none of the columns \"year,group,unit,score,rank,source\""
                ),
            )
            .at_line(Some(table.header_line)),
        );
        return Ok(None);
    }
    diags.extend(table.row_problems.iter().cloned());
    let missing = table.missing_columns(&required, "year,group,unit,score,rank,source");
    if !missing.is_empty() {
        diags.extend(missing);
        return Ok(None);
    }
    let mut entries = Vec::new();
    for row in &table.rows {
        let cell = |c| table.cell(row, c);
        let bad = |what: &str, raw: &str| {
            let col = table.column(what).map(|c| c + 1).unwrap_or(1);
            Diagnostic::error(
                source,
                text!(
                    vi: "cột {what}: \"{raw}\" không hợp lệ",
                    en: "column {what}: \"{raw}\" is not valid"
                ),
            )
            .at(row.line, col)
        };
        let year = cell("year")
            .parse::<i32>()
            .ok()
            .filter(|y| (1990..=2100).contains(y));
        let score = parse_decimal(cell("score"))
            .filter(|s| *s >= Decimal::ZERO && *s <= Decimal::ONE_HUNDRED);
        let rank = cell("rank").parse::<u32>().ok().filter(|r| *r > 0);
        for (name, good) in [
            ("year", year.is_some()),
            ("score", score.is_some()),
            ("rank", rank.is_some()),
        ] {
            if !good {
                diags.push(bad(name, cell(name)));
            }
        }
        if cell("unit").is_empty() || cell("group").is_empty() {
            diags.push(bad(
                if cell("unit").is_empty() {
                    "unit"
                } else {
                    "group"
                },
                "",
            ));
            continue;
        }
        if let (Some(year), Some(score), Some(rank)) = (year, score, rank) {
            entries.push(Entry {
                line: row.line,
                year,
                group: cell("group").to_string(),
                unit: cell("unit").to_string(),
                score,
                rank,
                source: cell("source").to_string(),
            });
        }
    }
    Ok(Some(Rankings {
        source: source.to_string(),
        entries,
    }))
}

/// Whether a ranking's unit name is the dossier's unit: equal after folding, or one is the
/// other with words added at the end ("Ban Quản lý Khu kinh tế" ↔ "… Hải Phòng"), when the
/// shorter has at least four words (so "Sở" alone never matches a department).
pub fn same_unit(ranked: &str, unit: &str) -> bool {
    let (a, b) = (fold(ranked), fold(unit));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    a == b || (short.split(' ').count() >= 4 && long.starts_with(&format!("{short} ")))
}

impl Rankings {
    /// The latest published year for `group` not after `year`.
    pub fn latest_year(&self, group: &str, year: i32) -> Option<i32> {
        self.entries
            .iter()
            .filter(|e| e.group == group && e.year <= year)
            .map(|e| e.year)
            .max()
    }

    /// The published entries of a group and year, best first.
    pub fn table(&self, group: &str, year: i32) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.group == group && e.year == year)
            .collect();
        v.sort_by_key(|e| (e.rank, std::cmp::Reverse(e.score)));
        v
    }

    /// The groups the ranking has, in the order they first appear.
    pub fn groups(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for e in &self.entries {
            if !out.contains(&e.group.as_str()) {
                out.push(&e.group);
            }
        }
        out
    }

    /// The years published for `group`, oldest first.
    pub fn years(&self, group: &str) -> Vec<i32> {
        let mut out: Vec<i32> = self
            .entries
            .iter()
            .filter(|e| e.group == group)
            .map(|e| e.year)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    pub fn at_rank(&self, group: &str, year: i32, rank: u32) -> Option<&Entry> {
        self.table(group, year).into_iter().find(|e| e.rank == rank)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_name_added_is_the_same_unit() {
        assert!(same_unit(
            "Ban Quản lý Khu kinh tế",
            "Ban Quản lý Khu kinh tế Hải Phòng"
        ));
        assert!(same_unit("SỞ NỘI VỤ", "Sở Nội vụ"));
        assert!(!same_unit("Sở Nội vụ", "Sở Ngoại vụ"));
        assert!(!same_unit(
            "Ban Quản lý",
            "Ban Quản lý Khu kinh tế Hải Phòng"
        ));
    }
}
