//! Finds the columns of a criteria table by their headings, as provinces write them
//! ("STT", "Tiêu chí, tiêu chí thành phần", "Điểm tối đa", "Cách tính điểm", "Tài liệu
//! kiểm chứng", or the English names parscore's own files use), on whichever row they
//! are: a title or the decision's number may come first.

use crate::diag::Diagnostic;
use crate::input::{fold, Row, Table};
use crate::lang::Text;

pub struct Columns {
    pub code: usize,
    pub name: usize,
    pub max: usize,
    pub rule: Option<usize>,
    pub evidence: Option<usize>,
    /// A column of level points ("Điểm", "Mức điểm") beside the maximum, where levels are
    /// written as rows under their leaf.
    pub points: Option<usize>,
}

impl Columns {
    /// The columns and the rows below their header, or `None` when no row names at least
    /// the code, the name and the maximum.
    pub fn find(table: &Table) -> Option<(Columns, Vec<Row>)> {
        let header = Row {
            line: table.header_line,
            cells: table.written_headers.clone().into(),
        };
        let all: Vec<&Row> = std::iter::once(&header).chain(&table.rows).collect();
        for (i, row) in all.iter().enumerate() {
            let heads: Vec<String> = row.cells.iter().map(fold).collect();
            let find = |pred: &dyn Fn(&str) -> bool| heads.iter().position(|h| pred(h));
            let rule = find(&|h| h.contains("cách tính") || h == "rule");
            let evidence =
                find(&|h| h.contains("kiểm chứng") || h == "evidence" || h == "required_evidence");
            let max = find(&|h| h.contains("tối đa") || h == "max" || h == "điểm chuẩn");
            let points = find(&|h| matches!(h, "điểm" | "mức điểm" | "số điểm" | "điểm chấm"));
            let mut code = find(&|h| {
                matches!(
                    h,
                    "stt" | "tt" | "mã" | "mã số" | "code" | "số tt" | "số thứ tự"
                )
            });
            let name = find(&|h| {
                (h.contains("tiêu chí")
                    || h.contains("nội dung")
                    || h.contains("lĩnh vực")
                    || h == "name")
                    && Some(h) != rule.map(|r| heads[r].as_str())
                    && Some(h) != evidence.map(|e| heads[e].as_str())
            });
            // A blank first heading cell before the name: the STT column, unheaded.
            if code.is_none()
                && name.is_some_and(|n| n > 0)
                && heads.first().is_some_and(String::is_empty)
            {
                code = Some(0);
            }
            if let (Some(code), Some(name), Some(max)) = (code, name, max) {
                let body = all[i + 1..].iter().map(|r| (*r).clone()).collect();
                return Some((
                    Columns {
                        code,
                        name,
                        max,
                        rule,
                        evidence,
                        points,
                    },
                    body,
                ));
            }
        }
        None
    }

    /// A cell's text, "" when the row is short.
    pub fn get<'a>(&self, row: &'a Row, column: usize) -> &'a str {
        row.cells.get(column).unwrap_or("")
    }

    /// A cell's place as a person finds it: `'Bảng 1'!C14` in a workbook or a Word table,
    /// the line in CSV.
    pub fn place(&self, table: &Table, row: &Row, column: usize) -> String {
        match &table.sheet {
            Some(sheet) => crate::diag::cell_name(sheet, row.line, column + 1),
            None => row.line.to_string(),
        }
    }

    /// A problem at a cell: `'Bảng 1'!C14` in a workbook or a Word table, the line in CSV.
    pub fn problem(&self, table: &Table, row: &Row, column: usize, message: Text) -> Diagnostic {
        let d = Diagnostic::error(&table.source, message);
        match &table.sheet {
            Some(sheet) => d.in_cell(sheet, row.line, column + 1),
            None => d.at_line(Some(row.line)),
        }
    }
}
