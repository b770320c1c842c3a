//! The per-row account of an import: for every row of the table, what it became — a
//! parent, a leaf whose rule was read exactly, read with something assumed, or left to be
//! scored by hand (and why), a level row folded into the leaf above it, a heading or a
//! skipped row. Values only: `report::import` words them for the terminal and the web page.

use crate::lang::Text;
use rust_decimal::Decimal;

/// What one row became.
#[derive(Clone, Debug)]
pub enum Verdict {
    /// A node with rows below it.
    Parent,
    /// A leaf or item whose rule states exactly what the wording says.
    Exact,
    /// A rule read, with what the wording does not state and the import assumed.
    Assumed(Vec<Text>),
    /// A leaf scored by hand, its wording kept: why it was not read.
    Manual(Text),
    /// A level written as a row under the leaf with this code.
    LevelOf(String),
    /// A heading (a bonus or penalty section), a total or a column-number row.
    Heading,
    /// A row left out, and why.
    Skipped(Text),
}

/// One row of the table and what became of it.
#[derive(Clone, Debug)]
pub struct RowAccount {
    /// The table's row (line in CSV).
    pub line: usize,
    /// Where to look: `'Bảng 2'!D17`, `Sheet1!D17` or the line in CSV, at the cell that
    /// holds the rule (or the maximum, when there is no rule column).
    pub place: String,
    pub code: Option<String>,
    pub name: String,
    pub max: Option<Decimal>,
    /// The rule's wording as the table writes it (level rows joined for a leaf).
    pub wording: String,
    pub verdict: Verdict,
}

impl RowAccount {
    pub fn is_manual(&self) -> bool {
        matches!(self.verdict, Verdict::Manual(_))
    }
}
