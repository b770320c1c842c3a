//! The report's one style sheet, inline: a font stack with every Vietnamese letter, tables
//! that fit an A4 page, and print rules (A4 margins, headers repeated on every page, no row
//! or chart cut across two pages, colours kept when printing).

pub const CSS: &str = r#"
@page { size: A4; margin: 15mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  font-family: "Noto Sans", "Segoe UI", Arial, "Helvetica Neue", sans-serif;
  font-size: 10.5pt; line-height: 1.4; color: #1a1a1a; background: #fff;
  margin: 0 auto; padding: 12px 18px; max-width: 210mm;
}
h1 { font-size: 17pt; margin: 0 0 2px; line-height: 1.25; }
h2 { font-size: 13pt; margin: 18px 0 6px; padding-bottom: 2px; border-bottom: 2px solid #1f4e79; color: #1f4e79; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 12px 0 4px; break-after: avoid; page-break-after: avoid; }
p { margin: 4px 0; }
.muted { color: #555; }
.small { font-size: 8.5pt; }
.subtitle { margin: 0 0 8px; color: #444; }
table { width: 100%; border-collapse: collapse; margin: 4px 0 8px; table-layout: auto; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, figure, .card, .keep { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #c8c8c8; padding: 3px 5px; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { background: #eef3f8; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; overflow-wrap: normal; }
td.num.wrap { white-space: normal; }
td.code, th.code { white-space: nowrap; overflow-wrap: normal; }
th { hyphens: manual; }
tr.total td { font-weight: 700; background: #f6f6f6; }
tr.area td { font-weight: 600; background: #f3f6f9; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; margin: 8px 0; }
.card { border: 1px solid #c8d3de; border-radius: 4px; padding: 6px 8px; background: #f8fafc; }
.card .label { font-size: 8.5pt; color: #444; }
.card .figure { font-size: 17pt; font-weight: 700; line-height: 1.2; }
.card .detail { font-size: 8.5pt; color: #444; }
.card.alert .figure { color: #b3261e; }
.card.good .figure { color: #1e7b34; }
.bar { position: relative; height: 11px; width: 100%; min-width: 60px; background: #e6e6e6; }
.bar span { position: absolute; top: 0; bottom: 0; }
.bar .safe { left: 0; background: #2e6da4; }
.bar .risk { background: #e08a00; }
.legend { font-size: 8.5pt; color: #444; }
.legend i { display: inline-block; width: 10px; height: 10px; margin: 0 3px 0 8px; vertical-align: -1px; }
.closes td { background: #e7f4ea; }
.mark { color: #1e7b34; font-weight: 700; white-space: nowrap; }
figure.chart { margin: 8px 0 12px; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart svg text { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; }
.appendix td { font-size: 8.5pt; }
.appendix ul { margin: 0; padding-left: 14px; }
footer { margin-top: 18px; padding-top: 6px; border-top: 1px solid #999; font-size: 8pt; color: #333; break-inside: avoid; page-break-inside: avoid; }
footer table td { font-size: 7.5pt; }
footer td.hash { font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, monospace; font-size: 6.5pt; white-space: nowrap; overflow-wrap: normal; }
.seal-ok { color: #1e7b34; font-weight: 700; }
.seal-bad { color: #b3261e; font-weight: 700; }
@media print {
  body { padding: 0; max-width: none; font-size: 9.5pt; }
  section { break-inside: auto; }
  #charts figure.chart { break-before: auto; }
  .appendix { break-before: page; }
}
"#;

/// The one-page report: smaller type and tighter boxes, so that the page a Director signs
/// prints on one A4 sheet.
pub const ONE_PAGE: &str = r#"
@page { size: A4; margin: 10mm 12mm 10mm 15mm; }
.one-page { font-size: 9pt; line-height: 1.25; }
.one-page h1 { font-size: 14pt; }
.one-page h2 { font-size: 10.5pt; margin: 6px 0 3px; }
.one-page p { margin: 2px 0; }
.one-page table { margin: 2px 0 3px; }
.one-page th, .one-page td { padding: 1px 4px; font-size: 8pt; line-height: 1.25; }
.one-page th { font-weight: 600; }
.one-page .subtitle { margin: 0 0 3px; }
.one-page .steps { table-layout: fixed; }
.one-page .steps .c-no { width: 4%; }
.one-page .steps .c-name { width: 27%; }
.one-page .steps .c-action { width: 37%; }
.one-page .steps .c-lead { width: 14%; }
.one-page .steps .c-points, .one-page .steps .c-index { width: 9%; white-space: normal; }
.cards.one { grid-template-columns: repeat(auto-fit, minmax(0, 1fr)); gap: 5px; margin: 3px 0; }
.cards.one .card { padding: 3px 6px; }
.cards.one .label { font-size: 7.5pt; }
.cards.one .figure { font-size: 13pt; }
.cards.one .figure.words { font-size: 10pt; line-height: 1.3; }
.cards.one .detail { font-size: 7.5pt; }
.history { font-size: 8pt; color: #333; }
.signature { display: grid; grid-template-columns: 1fr 1fr; margin-top: 6px; text-align: center; break-inside: avoid; page-break-inside: avoid; }
.signature .when { font-style: italic; margin-bottom: 1px; }
.signature .role { font-weight: 700; }
.signature .hint { font-style: italic; font-size: 8pt; margin-bottom: 38px; }
.signature .name { font-weight: 700; }
footer.one { margin-top: 4px; padding-top: 3px; font-size: 7pt; }
@media print {
  body { font-size: 9pt; padding: 0; }
}
"#;
