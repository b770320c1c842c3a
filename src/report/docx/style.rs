//! The typography of a state document (Decree 30/2020/NĐ-CP) in one place: A4 portrait,
//! its margins, Times New Roman set on every run, black text, sizes by role, and the few
//! building blocks the writers share (a body paragraph, a centred line, a short rule, a
//! borderless two-column table, a bordered table cell). Every text quoted from a dossier
//! passes through [`run`], which drops what XML forbids.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Header, LineSpacing, PageMargin, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType,
    Table, TableBorders, TableCell, TableCellBorder, TableCellBorderPosition, TableCellBorders,
    TableLayoutType, TableRow, VAlignType, WidthType,
};

pub const FONT: &str = "Times New Roman";
/// A4 in twentieths of a point.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
/// Margins: top and bottom 20 mm, left 30 mm, right 15 mm (567 twips = 1 cm).
pub const TOP: i32 = 1134;
pub const BOTTOM: i32 = 1134;
pub const LEFT: i32 = 1701;
pub const RIGHT: i32 = 851;
/// The width text and tables may take.
pub const TEXT_WIDTH: usize = (PAGE_WIDTH as i32 - LEFT - RIGHT) as usize;

/// Sizes in half-points: body 14 pt, header block and page number 13 pt, tables and the
/// recipients list 11 pt.
pub const BODY: usize = 28;
pub const HEAD: usize = 26;
pub const TABLE: usize = 22;
pub const SMALL: usize = 22;

/// How a run looks.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub size: usize,
    pub bold: bool,
    pub italic: bool,
}

impl Look {
    pub const fn plain(size: usize) -> Look {
        Look {
            size,
            bold: false,
            italic: false,
        }
    }
    pub const fn bold(size: usize) -> Look {
        Look {
            size,
            bold: true,
            italic: false,
        }
    }
    pub const fn italic(size: usize) -> Look {
        Look {
            size,
            bold: false,
            italic: true,
        }
    }
}

pub fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// A run of text in Times New Roman, black, its XML-forbidden characters dropped; a line
/// break in the text becomes a line break in the document.
pub fn run(text: &str, look: Look) -> Run {
    let clean = crate::escape::xml_text(text);
    let mut r = Run::new().fonts(fonts()).size(look.size).color("000000");
    if look.bold {
        r = r.bold();
    }
    if look.italic {
        r = r.italic();
    }
    for (i, line) in clean.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line.trim_end_matches('\r'));
    }
    r
}

/// A paragraph of runs with the given alignment, single-spaced, `after` twips below.
pub fn para(runs: Vec<Run>, align: AlignmentType, after: u32) -> Paragraph {
    let mut p = Paragraph::new()
        .align(align)
        .line_spacing(LineSpacing::new().before(0).after(after).line(240))
        .fonts(fonts());
    for r in runs {
        p = p.add_run(r);
    }
    p
}

/// A centred line.
pub fn centred(text: &str, look: Look) -> Paragraph {
    para(vec![run(text, look)], AlignmentType::Center, 0)
}

/// A body paragraph: justified, first line indented 1 cm, 6 pt after, 1.15 lines.
pub fn body(runs: Vec<Run>) -> Paragraph {
    let mut p = Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(120).line(276))
        .fonts(fonts());
    for r in runs {
        p = p.add_run(r);
    }
    p
}

/// A body paragraph of plain text.
pub fn body_text(text: &str) -> Paragraph {
    body(vec![run(text, Look::plain(BODY))])
}

/// A section heading (`I. KẾT QUẢ …`): bold, indented like the body, kept with what follows.
pub fn heading(text: &str) -> Paragraph {
    body(vec![run(text, Look::bold(BODY))])
        .keep_next(true)
        .line_spacing(LineSpacing::new().before(120).after(120).line(276))
}

/// The space Word and LibreOffice leave on each side inside a table cell when the table
/// says none (`w:tblCellMar` absent): 0,19 cm.
pub const CELL_MARGIN: usize = 108;

/// The short rule under a name in a cell of the header block: `width` twips, centred in a
/// column `column` twips wide (its cell margins taken off first, or the rule comes out
/// 3,8 mm short).
pub fn rule(column: usize, width: usize) -> Paragraph {
    rule_within(column.saturating_sub(2 * CELL_MARGIN), width)
}

/// The rule under the document's title, on the page itself.
pub fn page_rule(width: usize) -> Paragraph {
    rule_within(TEXT_WIDTH, width)
}

/// How wide `text` sets in Times New Roman bold at `size` half-points, in twips: the
/// advance widths of its letters (Vietnamese marks add none), close enough to size the
/// rule under a title.
pub fn bold_width(text: &str, size: usize) -> usize {
    // Thousandths of an em, Times New Roman Bold (Liberation Serif Bold has the same).
    let advance = |c: char| -> usize {
        use unicode_normalization::UnicodeNormalization;
        match std::iter::once(c).nfd().next().unwrap_or(c) {
            ' ' => 250,
            ',' | '.' | ':' | ';' => 250,
            '-' => 333,
            'i' | 'j' | 'l' | 't' | 'f' | 'r' | 'I' => 320,
            'm' | 'w' => 800,
            'M' | 'W' => 960,
            'a'..='z' => 530,
            'A'..='Z' => 720,
            '0'..='9' => 500,
            _ => 560,
        }
    };
    let thousandths: usize = text.chars().map(advance).sum();
    // size is in half-points; an em of `size` half-points is size × 10 twips.
    thousandths * size * 10 / 1000
}

fn rule_within(column: usize, width: usize) -> Paragraph {
    let side = (column.saturating_sub(width) / 2) as i32;
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .indent(Some(side), None, Some(side), None)
        .line_spacing(LineSpacing::new().before(80).after(120).line(120))
        .size(4);
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Top)
                .val(BorderType::Single)
                .size(6)
                .color("000000"),
        ),
    );
    p
}

/// An empty paragraph `size` half-points tall.
pub fn gap(size: usize) -> Paragraph {
    Paragraph::new()
        .fonts(fonts())
        .size(size)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A cell of a borderless layout table, `width` twips wide.
pub fn layout_cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
        .set_borders(no_cell_borders());
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn no_cell_borders() -> TableCellBorders {
    let nil = |p| TableCellBorder::new(p).border_type(BorderType::Nil);
    TableCellBorders::with_empty()
        .set(nil(TableCellBorderPosition::Top))
        .set(nil(TableCellBorderPosition::Left))
        .set(nil(TableCellBorderPosition::Bottom))
        .set(nil(TableCellBorderPosition::Right))
}

/// The two-column borderless table of the header block and the signature block.
pub fn layout_table(widths: [usize; 2], left: Vec<Paragraph>, right: Vec<Paragraph>) -> Table {
    layout_rows(widths, vec![(left, right)])
}

/// A borderless two-column table of several rows, each kept whole on its page.
pub fn layout_rows(widths: [usize; 2], rows: Vec<(Vec<Paragraph>, Vec<Paragraph>)>) -> Table {
    let rows = rows
        .into_iter()
        .map(|(left, right)| {
            TableRow::new(vec![
                layout_cell(widths[0], left),
                layout_cell(widths[1], right),
            ])
            .cant_split()
        })
        .collect();
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(TableBorders::new().clear_all())
        .indent(-108)
}

/// A cell of a bordered data table: paragraphs, `span` grid columns.
pub fn grid_cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    let line = |p| {
        TableCellBorder::new(p)
            .border_type(BorderType::Single)
            .size(4)
            .color("000000")
    };
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
        .set_borders(
            TableCellBorders::with_empty()
                .set(line(TableCellBorderPosition::Top))
                .set(line(TableCellBorderPosition::Left))
                .set(line(TableCellBorderPosition::Bottom))
                .set(line(TableCellBorderPosition::Right)),
        );
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// A data table of `widths` columns (twips) summing to the text width.
pub fn grid_table(widths: &[usize], rows: Vec<TableRow>) -> Table {
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// A cell's text in a data table: `align`ed, table size, 2 pt above and below.
pub fn cell_text(text: &str, look: Look, align: AlignmentType) -> Paragraph {
    para(vec![run(text, look)], align, 40)
        .line_spacing(LineSpacing::new().before(40).after(40).line(240))
}

/// The document frame: A4 portrait, the margins, Times New Roman 14 pt by default, and the
/// page number (13 pt, centred in the top margin) on every page but the first.
pub fn document() -> Docx {
    let number = Paragraph::new()
        .align(AlignmentType::Center)
        .fonts(fonts())
        .add_run(page_number_run());
    let first = Header::new().add_paragraph(gap(HEAD));
    Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(TOP)
                .bottom(BOTTOM)
                .left(LEFT)
                .right(RIGHT)
                .header(567)
                .footer(567),
        )
        .default_fonts(fonts())
        .default_size(BODY)
        .header(Header::new().add_paragraph(number))
        .first_header(first)
}

/// The page number field, in the document's font (docx-rs' own `PageNum` run has none).
fn page_number_run() -> Run {
    use docx_rs::{FieldCharType, InstrPAGE, InstrText};
    Run::new()
        .fonts(fonts())
        .size(HEAD)
        .color("000000")
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("2")
        .add_field_char(FieldCharType::End, false)
}

/// The packed document, finished with what docx-rs cannot write.
pub fn pack(doc: Docx, props: &super::package::Props) -> Result<Vec<u8>, String> {
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    super::package::finish(out.into_inner(), props)
}
