//! What docx-rs (0.4.22) cannot write, added to the packed document in one more pass:
//! table headers that repeat on every page (`<w:tblHeader/>`: the summary table runs over
//! many pages, and a reader of page 12 must still see what its columns are), the language
//! of every run (`<w:lang w:val="vi-VN"/>`, so that Word checks the spelling as
//! Vietnamese instead of underlining every word), and the document's properties from the
//! dossier (author = the unit, title, created at the export time). Every other part is
//! copied as it was.

use std::io::{Cursor, Read, Write};

/// The document's properties, as File › Properties shows them.
pub struct Props<'a> {
    /// The unit that issues the document.
    pub author: &'a str,
    pub title: &'a str,
    /// The export time (or `SOURCE_DATE_EPOCH`).
    pub created: time::OffsetDateTime,
    /// `vi-VN` or `en-US`.
    pub language: &'a str,
}

/// The package `docx` finished: header rows marked, the language on every run, the
/// properties written.
pub fn finish(docx: Vec<u8>, props: &Props) -> Result<Vec<u8>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let file = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = file.name().map_err(|e| e.to_string())?.into_owned();
        let rewritten = name == "word/document.xml"
            || name == "word/styles.xml"
            || name == "docProps/core.xml"
            || (name.starts_with("word/header") && name.ends_with(".xml"));
        if !rewritten {
            out.raw_copy_file(file).map_err(|e| e.to_string())?;
            continue;
        }
        let mut xml = String::new();
        file.take(u64::MAX)
            .read_to_string(&mut xml)
            .map_err(|e| e.to_string())?;
        let xml = match name.as_str() {
            "docProps/core.xml" => core(props),
            "word/document.xml" => with_language(&mark_first_rows(&xml), props.language),
            _ => with_language(&xml, props.language),
        };
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
    }
    out.finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}

/// `docProps/core.xml` with the unit as author, the title and the creation time.
fn core(p: &Props) -> String {
    let t = p.created.to_offset(time::UtcOffset::UTC);
    let when = format!(
        "{}T{:02}:{:02}:{:02}Z",
        crate::value::iso_date(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    );
    let text = |s: &str| {
        crate::escape::xml_text(s)
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let (author, title, lang) = (text(p.author), text(p.title), text(p.language));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>\
<dc:language>{lang}</dc:language><cp:revision>1</cp:revision>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified></cp:coreProperties>"
    )
}

/// The language in every run's properties (and the paragraph marks' and the defaults').
fn with_language(xml: &str, language: &str) -> String {
    let lang =
        format!("<w:lang w:val=\"{language}\" w:eastAsia=\"{language}\" w:bidi=\"ar-SA\" />");
    xml.replace("</w:rPr>", &format!("{lang}</w:rPr>"))
        .replace("<w:rPr />", &format!("<w:rPr>{lang}</w:rPr>"))
        .replace("<w:rPr/>", &format!("<w:rPr>{lang}</w:rPr>"))
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
    use super::{mark_first_rows, with_language};

    #[test]
    fn every_run_says_it_is_vietnamese() {
        assert_eq!(
            with_language("<w:r><w:rPr><w:b /></w:rPr><w:t>a</w:t></w:r><w:r><w:rPr /></w:r>", "vi-VN"),
            "<w:r><w:rPr><w:b /><w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\" /></w:rPr><w:t>a</w:t></w:r>\
<w:r><w:rPr><w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\" /></w:rPr></w:r>"
        );
    }

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
