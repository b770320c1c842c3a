//! The score sheet, `scores.csv` or `scores.xlsx` (the workbook `template --xlsx` writes):
//! one row per leaf with its declared figure (`code,value,note`, more columns allowed),
//! and for an appraised year the council's points (`appraised`). Three optional columns
//! hold what the unit and the council say, kept apart from the working `note`: the unit's
//! explanation of a leaf (`explanation`), the council's reason for a cut
//! (`appraisal_note`) and the unit's answer to it (`answer`).

use crate::criteria::Criteria;
use crate::diag::{Diagnostic, Diagnostics, Fatal};
use crate::input::read_sheet_into;
use crate::number::{parse_decimal, scale, MAX_SCALE};
use crate::text;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::path::Path;

/// A declared row, as read.
#[derive(Clone, Debug, Default)]
pub struct Declared {
    pub line: usize,
    pub code: String,
    pub value: String,
    pub note: String,
    /// The points the appraisal council gave, when the column exists and the cell is filled.
    pub appraised: Option<Decimal>,
    /// Evidence document ids named in an `evidence` column.
    pub evidence: Vec<String>,
    /// The unit's own explanation (giải trình) of the leaf, for the documents it sends.
    pub explanation: String,
    /// The appraisal council's reason for its cut.
    pub appraisal_note: String,
    /// The unit's answer to the council's cut.
    pub answer: String,
}

#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub source: String,
    pub rows: HashMap<String, Declared>,
    pub has_appraised: bool,
    /// For a workbook: the sheet and the `value` column (from 1), where a problem with a
    /// declared figure is placed.
    pub value_cell: Option<(String, usize)>,
}

impl Scores {
    /// A problem found in a declared row, placed on its `value` cell when the sheet is a
    /// workbook (a CSV line stays a line).
    pub fn place(&self, d: Diagnostic) -> Diagnostic {
        match (&self.value_cell, d.line) {
            (Some((sheet, col)), Some(row)) if d.file == self.source && d.sheet.is_none() => {
                d.in_cell(sheet, row, *col)
            }
            _ => d,
        }
    }
}

/// The score sheet of the dossier in `dir`: `scores.csv`, or `scores.xlsx` when it is
/// the only one; both present is refused unless `choice` names one.
pub fn which(dir: &Path, choice: super::ScoresChoice) -> Result<&'static str, Fatal> {
    use super::{ScoresChoice, SCORES_FILE, SCORES_XLSX};
    let has = |f: &str| dir.join(f).symlink_metadata().is_ok();
    match choice {
        ScoresChoice::Csv => Ok(SCORES_FILE),
        ScoresChoice::Xlsx => Ok(SCORES_XLSX),
        ScoresChoice::Either => match (has(SCORES_FILE), has(SCORES_XLSX)) {
            (true, true) => Err(Fatal::from(Diagnostic::error(
                &super::shown(dir, SCORES_XLSX),
                text!(
                    vi: "hồ sơ có cả scores.csv và scores.xlsx, không rõ phiếu nào là phiếu đang dùng; chọn bằng --scores csv hoặc --scores xlsx, hoặc đổi tên phiếu không dùng",
                    en: "the dossier has both scores.csv and scores.xlsx, and which one is in use cannot be told; choose with --scores csv or --scores xlsx, or rename the one not in use"
                ),
            ))),
            (false, true) => Ok(SCORES_XLSX),
            _ => Ok(SCORES_FILE),
        },
    }
}

pub fn read(
    path: &Path,
    source: &str,
    criteria: &Criteria,
    diags: &mut Diagnostics,
    read: crate::input::ReadOptions,
) -> Result<Option<Scores>, Fatal> {
    if !path.exists() {
        return Err(Fatal::from(Diagnostic::error(
            source,
            text!(
                vi: "không có tệp điểm kê khai; tạo tệp mẫu bằng: parscore template <hồ sơ> --out {source}",
                en: "no score sheet; create a blank one with: parscore template <dossier> --out {source}"
            ),
        )));
    }
    let within = crate::fsio::Within::folder_of(path);
    let Some(table) = read_sheet_into(path, source, within, &["code", "value"], diags, read)?
    else {
        return Ok(None);
    };
    Ok(from_table(&table, source, criteria, diags))
}

/// The declared rows of a score sheet already read as a table (`parscore serve` checks an
/// edit this way before writing it), with every problem in `diags`.
pub fn from_table(
    table: &crate::input::Table,
    source: &str,
    criteria: &Criteria,
    diags: &mut Diagnostics,
) -> Option<Scores> {
    let missing = table.missing_columns(&["code", "value"], "code,value,note");
    if !missing.is_empty() {
        diags.extend(missing);
        return None;
    }
    let has_appraised = table.column("appraised").is_some();
    let mut rows: HashMap<String, Declared> = HashMap::new();
    for row in &table.rows {
        let code = table.cell(row, "code").to_string();
        let at_column = |column: &str, m| table.problem_at(row, column, m).for_code(&code);
        let at = |m| at_column("code", m);
        // A workbook's total row and its blank criterion and area rows declare nothing.
        let declares =
            !table.cell(row, "value").is_empty() || !table.cell(row, "appraised").is_empty();
        if table.sheet.is_some()
            && !declares
            && (code.is_empty() || criteria.find(&code).is_some_and(|n| !n.is_leaf()))
        {
            continue;
        }
        if code.is_empty() {
            diags.push(at(
                text!(vi: "dòng không có mã tiêu chí", en: "row without a criterion code"),
            ));
            continue;
        }
        match criteria.find(&code) {
            None => {
                let name = table.cell(row, "name");
                diags.push(at(super::mangled::explain(&code, name, criteria).unwrap_or_else(
                    || text!(vi: "mã không có trong bộ tiêu chí {id}", en: "code not in the criteria set {id}", id = criteria.id),
                )));
                continue;
            }
            Some(n)
                if !n.is_leaf() && !crate::value::is_not_applicable(table.cell(row, "value")) =>
            {
                diags.push(at_column("value", text!(vi: "mã này là tiêu chí cha: chỉ chấm điểm tiêu chí lá (các mã con của nó); dòng của tiêu chí cha hoặc lĩnh vực chỉ được ghi \"Không áp dụng\" (kèm ghi chú)", en: "this code is a parent: only leaves are scored (its children); a criterion or area row may only say \"Không áp dụng\" (with a note)")));
                continue;
            }
            Some(_) => {}
        }
        if let Some(first) = rows.get(&code) {
            let l = first.line;
            diags.push(at(
                text!(vi: "mã đã được kê khai ở dòng {l}", en: "code already declared on line {l}"),
            ));
            continue;
        }
        let appraised = match table.cell(row, "appraised") {
            "" => None,
            raw => match parse_decimal(raw) {
                Some(d) if scale(d) <= MAX_SCALE && d >= Decimal::ZERO => Some(d),
                _ => {
                    diags.push(at_column("appraised", text!(vi: "điểm thẩm định \"{raw}\" không hợp lệ (số ≥ 0, tối đa hai chữ số thập phân)", en: "appraised points \"{raw}\" are not valid (a number ≥ 0 with at most two decimals)")));
                    None
                }
            },
        };
        // `1.1.2,92,5,` in a comma-separated file reads as value 92 and note 5: a changed
        // figure a busy clerk would scroll past, so it is an error with the fix.
        let (value, note) = (table.cell(row, "value"), table.cell(row, "note"));
        let digits = |s: &str, max: usize| {
            !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
        };
        if table.delimiter == b',' && digits(value, 3) && digits(note, 3) {
            diags.push(at(text!(
                vi: "giá trị \"{value}\" và ghi chú \"{note}\": dấu phẩy không nằm trong ngoặc kép đã tách số {value},{note} làm hai ô; đặt số trong ngoặc kép (\"{value},{note}\") hoặc lưu tệp với dấu ;",
                en: "value \"{value}\" and note \"{note}\": an unquoted comma split the number {value},{note} into two cells; quote it (\"{value},{note}\") or save the file with ;"
            )));
            continue;
        }
        let evidence = table
            .cell(row, "evidence")
            .split([';', ' ', ','])
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        rows.insert(
            code.clone(),
            Declared {
                line: row.line,
                code,
                value: table.cell(row, "value").to_string(),
                note: table.cell(row, "note").to_string(),
                appraised,
                evidence,
                explanation: table.cell(row, "explanation").trim().to_string(),
                appraisal_note: table.cell(row, "appraisal_note").trim().to_string(),
                answer: table.cell(row, "answer").trim().to_string(),
            },
        );
    }
    let value_cell = table
        .sheet
        .clone()
        .zip(table.column("value").map(|i| i + 1));
    Some(Scores {
        source: source.to_string(),
        rows,
        has_appraised,
        value_cell,
    })
}
