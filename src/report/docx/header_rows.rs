//! Table headers that repeat on every page. docx-rs (0.4.22) cannot mark a row as a
//! header (`<w:tblHeader/>`), so the packed document is opened once more and the first row
//! of every table marked: the summary table runs over many pages, and a reader of page 12
//! must still see what its columns are. Only `word/document.xml` changes; every other part
//! is copied as it was.

use std::io::{Cursor, Read, Write};

/// The package `docx` with the first row of every table marked as a repeating header.
pub fn repeat_first_rows(docx: Vec<u8>) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let file = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = file.name().map_err(|e| e.to_string())?.into_owned();
        if name != "word/document.xml" {
            out.raw_copy_file(file).map_err(|e| e.to_string())?;
            continue;
        }
        let mut xml = String::new();
        file.take(u64::MAX)
            .read_to_string(&mut xml)
            .map_err(|e| e.to_string())?;
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(mark_first_rows(&xml).as_bytes())
            .map_err(|e| e.to_string())?;
    }
    out.finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}

/// `<w:tblHeader />` in the row properties of the first `<w:tr>` after each `<w:tbl>`.
fn mark_first_rows(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 256);
    let mut rest = xml;
    while let Some(t) = rest.find("<w:tbl>") {
        let (before, after) = rest.split_at(t + "<w:tbl>".len());
        out.push_str(before);
        rest = after;
        let Some(tr) = first_row_start(rest) else {
            continue;
        };
        let Some(close) = rest[tr..].find('>') else {
            continue;
        };
        let open_end = tr + close + 1;
        out.push_str(&rest[..open_end]);
        rest = &rest[open_end..];
        match rest.strip_prefix("<w:trPr>") {
            Some(props) => {
                out.push_str("<w:trPr><w:tblHeader />");
                rest = props;
            }
            None => out.push_str("<w:trPr><w:tblHeader /></w:trPr>"),
        }
    }
    out.push_str(rest);
    out
}

/// Where the first row starts: `<w:tr>` or `<w:tr …>`, not `<w:trPr>` or `<w:trHeight>`.
fn first_row_start(xml: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = xml[from..].find("<w:tr") {
        let at = from + i;
        match xml.as_bytes().get(at + "<w:tr".len()) {
            Some(b'>') | Some(b' ') => return Some(at),
            _ => from = at + 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::mark_first_rows;

    #[test]
    fn the_first_row_of_each_table_is_marked_and_no_other() {
        let xml = "<w:body><w:tbl><w:tblPr/><w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc/></w:tr>\
                   <w:tr><w:tc/></w:tr></w:tbl><w:p/><w:tbl><w:tr w:rsidR=\"1\"><w:tc/></w:tr></w:tbl></w:body>";
        assert_eq!(
            mark_first_rows(xml),
            "<w:body><w:tbl><w:tblPr/><w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr><w:tc/></w:tr>\
             <w:tr><w:tc/></w:tr></w:tbl><w:p/><w:tbl><w:tr w:rsidR=\"1\"><w:trPr><w:tblHeader /></w:trPr><w:tc/></w:tr></w:tbl></w:body>"
        );
    }
}
