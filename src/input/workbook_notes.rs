//! What the workbook reader tells about a workbook, in words: why one is refused before it
//! is parsed (past a cap of `workbook_parts`), and the warnings a read sheet carries (the
//! hidden sheets not read, the formula cells read from the value Excel last saved).

use super::workbook_parts::{At, Over, Plan, MAX_CELLS, MAX_MERGES, MAX_STRINGS};
use crate::diag::Diagnostic;
use crate::text;

/// The most formula cells named one by one; the rest are counted in one more warning.
const NAMED_FORMULAS: usize = 5;

/// A cell as Excel names it (`F14`).
pub fn cell_name((row, col): At) -> String {
    let mut letters = Vec::new();
    let mut n = col as u64 + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row as u64 + 1)
}

fn in_cell(d: Diagnostic, sheet: &str, (row, col): At) -> Diagnostic {
    d.in_cell(sheet, row as usize + 1, col as usize + 1)
}

/// A refusal as a located error; `None` when the workbook is simply unreadable.
pub fn refusal(source: &str, over: Over) -> Option<Diagnostic> {
    let e = |t| Diagnostic::error(source, t);
    Some(match over {
        Over::Zip(r) => e(r.text("Excel")?),
        Over::Unreadable => return None,
        Over::NoVisibleSheet => e(text!(
            vi: "sổ tính không có trang tính nào đang hiện: bỏ ẩn (Unhide) trang chứa bảng rồi lưu lại",
            en: "the workbook has no visible worksheet: unhide the sheet that holds the table and save again"
        )),
        Over::Cells { sheet, last, cells } => {
            let cell = cell_name(last);
            in_cell(
                e(text!(
                    vi: "trang tính trải tới ô {cell}: {cells} ô tính từ cột A giữa dòng đầu và dòng cuối có dữ liệu, quá giới hạn {MAX_CELLS} ô; xoá các ô thừa ở xa bảng (Ctrl+End trong Excel cho thấy ô cuối) rồi lưu lại",
                    en: "the worksheet reaches cell {cell}: {cells} cells from column A between its first and last rows with data, over the {MAX_CELLS}-cell cap; delete the stray cells far from the table (Ctrl+End in Excel shows the last one) and save again"
                )),
                &sheet,
                last,
            )
        }
        Over::Merges { sheet, at, count } => in_cell(
            e(text!(
                vi: "trang tính có hơn {MAX_MERGES} vùng gộp ô (đã đếm tới {count} ở ô này); bỏ gộp các ô thừa (Merge & Center → Unmerge Cells) rồi lưu lại",
                en: "the worksheet has more than {MAX_MERGES} merged regions ({count} counted at this cell); unmerge the needless ones (Merge & Center → Unmerge Cells) and save again"
            )),
            &sheet,
            at,
        ),
        Over::MergedCells { sheet, at, cells } => in_cell(
            e(text!(
                vi: "các vùng gộp ô của trang tính lặp giá trị vào hơn {MAX_CELLS} ô (đã tới {cells} ở vùng bắt đầu tại ô này); bỏ gộp các vùng trải xuống quá xa rồi lưu lại",
                en: "the worksheet's merged regions would repeat their values into more than {MAX_CELLS} cells ({cells} at the region starting at this cell); unmerge the regions that reach too far down and save again"
            )),
            &sheet,
            at,
        ),
        Over::MergedText { sheet, at, bytes } => {
            let mib = bytes >> 20;
            in_cell(
                e(text!(
                    vi: "vùng gộp ô bắt đầu tại ô này lặp giá trị của nó thành hơn {mib} MiB chữ, quá giới hạn giải nén; bỏ gộp vùng này rồi lưu lại",
                    en: "the merged region starting at this cell repeats its value into more than {mib} MiB of text, over the inflation cap; unmerge it and save again"
                )),
                &sheet,
                at,
            )
        }
        Over::Strings { claimed } => e(text!(
            vi: "bảng chuỗi dùng chung của sổ tính (xl/sharedStrings.xml) khai {claimed} chuỗi, quá giới hạn {MAX_STRINGS} (tệp hỏng hoặc cố ý làm phình); mở bằng Excel và lưu lại",
            en: "the workbook's shared strings (xl/sharedStrings.xml) claim {claimed} strings, over the {MAX_STRINGS} cap (a damaged or deliberately inflated file); open it in Excel and save again"
        )),
    })
}

/// The warnings (and the errors, for formulas without a saved value) of the sheet read:
/// every hidden sheet by name, and the formula cells of the table below its header line in
/// the `columns` (0-based) whose figures are read.
pub fn warnings(
    source: &str,
    plan: &Plan,
    header_line: usize,
    columns: &[usize],
) -> Vec<Diagnostic> {
    let sheet = plan.sheet.as_str();
    let mut out: Vec<Diagnostic> = plan
        .hidden
        .iter()
        .map(|hidden| {
            Diagnostic::warning(
                source,
                text!(
                    vi: "trang tính ẩn \"{hidden}\" không được đọc: parscore đọc trang \"{sheet}\", trang Excel mở ra; nếu số liệu nằm ở trang ẩn, bỏ ẩn (Unhide), chọn trang đó rồi lưu lại",
                    en: "the hidden worksheet \"{hidden}\" is not read: parscore reads \"{sheet}\", the sheet Excel opens on; if the figures are on the hidden sheet, unhide it, select it and save again"
                ),
            )
        })
        .collect();
    let in_table: Vec<&(At, bool)> = plan
        .formulas
        .iter()
        .filter(|((row, col), _)| {
            *row as usize + 1 > header_line && columns.contains(&(*col as usize))
        })
        .collect();
    for &&(at, cached) in in_table.iter().take(NAMED_FORMULAS) {
        let d = match cached {
            true => Diagnostic::warning(
                source,
                text!(
                    vi: "ô này là công thức: parscore không tính lại công thức mà đọc giá trị Excel lưu lần cuối; nếu đã sửa số liệu nguồn mà chưa mở lại bằng Excel, giá trị đó có thể đã cũ — mở bằng Excel và lưu lại, hoặc dán giá trị (Paste Special → Values)",
                    en: "this cell is a formula: parscore does not recalculate formulas but reads the value Excel last saved; if its inputs changed without the file being saved again in Excel, that value may be stale — open it in Excel and save again, or paste values (Paste Special → Values)"
                ),
            ),
            false => Diagnostic::error(
                source,
                text!(
                    vi: "ô này là công thức nhưng không có giá trị đã lưu (tệp do một chương trình không tính công thức tạo ra): không đọc nó là ô trống được; mở bằng Excel và lưu lại, hoặc nhập giá trị",
                    en: "this cell is a formula with no saved value (the file was made by a program that does not calculate formulas): it cannot be read as blank; open it in Excel and save again, or type the value"
                ),
            ),
        };
        out.push(in_cell(d, sheet, at));
    }
    if in_table.len() > NAMED_FORMULAS {
        let more = in_table.len() - NAMED_FORMULAS;
        let missing = in_table[NAMED_FORMULAS..]
            .iter()
            .filter(|(_, c)| !c)
            .count();
        let (at, _) = *in_table[NAMED_FORMULAS];
        let t = text!(
            vi: "và {more} ô công thức khác trong bảng, từ ô này trở đi ({missing} ô không có giá trị đã lưu), cũng được đọc từ giá trị Excel lưu lần cuối",
            en: "and {more} more formula cells in the table, from this cell on ({missing} without a saved value), also read from the value Excel last saved"
        );
        let d = match missing {
            0 => Diagnostic::warning(source, t),
            _ => Diagnostic::error(source, t),
        };
        out.push(in_cell(d, sheet, at));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name((0, 0)), "A1");
        assert_eq!(cell_name((13, 5)), "F14");
        assert_eq!(cell_name((0, 25)), "Z1");
        assert_eq!(cell_name((0, 26)), "AA1");
        assert_eq!(cell_name((1_048_575, 16_383)), "XFD1048576");
    }
}
