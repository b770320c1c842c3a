//! `parscore export DOSSIER --docx FILE [--appeal]`: the self-assessment report and the
//! explanation letter to the appraisal council, read back through an independent reader
//! (zip + roxmltree over `word/document.xml`, the headers and the styles): the page and
//! margins of Decree 30, Times New Roman on every run, the page number from page 2, the
//! header block, the summary table against `score --format json`, every leaf `evidence`
//! finds missing in the explanation section, and the council's cuts of the 2025 sample as
//! `gap` prints them. LibreOffice converts both to PDF and `pdftotext` finds the figures.

use crate::export::{code_of, figures, two};
use crate::harness::{copy_sample, run, run_in};
use roxmltree::{Document, Node};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const SAMPLE: &str = "evidence/2026";

/// Every XML part of a DOCX by name.
pub(crate) fn parts(path: &Path) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            out.insert(name, s);
        }
    }
    out
}

fn w<'a>(n: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

fn attr(n: Node, name: &str) -> Option<String> {
    n.attribute((W, name)).map(str::to_string)
}

fn all<'a>(doc: &'a Document<'a>, name: &str) -> Vec<Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name((W, name)))
        .collect()
}

/// The text of a node: its `w:t`, a `w:br` as a newline.
fn text(n: Node) -> String {
    n.descendants()
        .filter_map(|d| {
            if d.has_tag_name((W, "t")) {
                Some(d.text().unwrap_or("").to_string())
            } else if d.has_tag_name((W, "br")) {
                Some("\n".to_string())
            } else {
                None
            }
        })
        .collect()
}

/// The body's paragraphs outside tables, in order.
pub(crate) fn paragraphs(doc: &Document) -> Vec<String> {
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .unwrap();
    body.children()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(text)
        .collect()
}

/// The rows of each table as cell texts.
fn tables(doc: &Document) -> Vec<Vec<Vec<String>>> {
    all(doc, "tbl")
        .into_iter()
        .map(|t| {
            t.children()
                .filter(|r| r.has_tag_name((W, "tr")))
                .map(|r| {
                    r.children()
                        .filter(|c| c.has_tag_name((W, "tc")))
                        .map(text)
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn export(dir: &Path, args: &[&str]) -> (HashMap<String, String>, String) {
    let file = dir.join(if args.contains(&"--appeal") {
        "giai-trinh.docx"
    } else {
        "bao-cao.docx"
    });
    let mut all_args = vec!["export"];
    all_args.extend_from_slice(args);
    all_args.extend(["--docx", file.to_str().unwrap()]);
    let ran = crate::harness::parscore()
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1768465800")
        .args(&all_args)
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&ran.stdout).into_owned(),
        String::from_utf8_lossy(&ran.stderr).into_owned(),
    );
    assert_eq!(ran.status.code(), Some(0), "{err}");
    (parts(&file), out)
}

#[test]
fn the_report_is_a4_with_decree_30_margins_times_new_roman_and_page_numbers_from_page_two() {
    let dir = copy_sample(SAMPLE);
    let (parts, out) = export(dir.path(), &[SAMPLE]);
    assert!(
        out.contains("tổng 89,06 / 99 điểm, chỉ số 89,96, 11 tiêu chí thành phần cần giải trình"),
        "{out}"
    );
    let doc = Document::parse(&parts["word/document.xml"]).unwrap();
    let sect = all(&doc, "sectPr")[0];
    let size = w(sect, "pgSz").unwrap();
    assert_eq!(attr(size, "w").as_deref(), Some("11906"));
    assert_eq!(attr(size, "h").as_deref(), Some("16838"));
    assert_ne!(attr(size, "orient").as_deref(), Some("landscape"));
    let margin = w(sect, "pgMar").unwrap();
    let twips = |k| attr(margin, k).unwrap().parse::<i32>().unwrap();
    // 567 twips to the centimetre: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    assert!(
        (1134..=1418).contains(&twips("top")),
        "top {}",
        twips("top")
    );
    assert!((1134..=1418).contains(&twips("bottom")));
    assert!((1701..=1985).contains(&twips("left")));
    assert!((850..=1134).contains(&twips("right")));
    // A first-page header of its own, empty; the default one holds the PAGE field, 13 pt.
    assert!(w(sect, "titlePg").is_some(), "no w:titlePg");
    let rels = Document::parse(&parts["word/_rels/document.xml.rels"]).unwrap();
    let target = |kind: &str| {
        let reference = sect
            .children()
            .find(|c| {
                c.has_tag_name((W, "headerReference")) && attr(*c, "type").as_deref() == Some(kind)
            })
            .unwrap_or_else(|| panic!("no {kind} header"));
        let id = reference
            .attribute((
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "id",
            ))
            .unwrap();
        let rel = rels
            .descendants()
            .find(|r| r.attribute("Id") == Some(id))
            .unwrap();
        format!("word/{}", rel.attribute("Target").unwrap())
    };
    let first = Document::parse(&parts[&target("first")]).unwrap();
    assert!(!parts[&target("first")].contains("PAGE"));
    assert_eq!(text(first.root_element()).trim(), "");
    let default = Document::parse(&parts[&target("default")]).unwrap();
    let instr: Vec<String> = all(&default, "instrText")
        .iter()
        .map(|n| text_of(*n))
        .collect();
    assert_eq!(instr, ["PAGE"]);
    let centred = all(&default, "jc")
        .iter()
        .any(|j| attr(*j, "val").as_deref() == Some("center"));
    assert!(centred, "the page number is centred");
    for r in all(&default, "r") {
        let size = w(w(r, "rPr").unwrap(), "sz").and_then(|s| attr(s, "val"));
        assert!(matches!(size.as_deref(), Some("26" | "28")), "{size:?}");
    }
    // Every run, in the body and the headers, is Times New Roman: set on the run, or
    // inherited from the document defaults (which must say so too); no theme font.
    let styles = Document::parse(&parts["word/styles.xml"]).unwrap();
    let default_fonts = all(&styles, "rPrDefault")
        .first()
        .and_then(|d| d.descendants().find(|n| n.has_tag_name((W, "rFonts"))));
    let defaults = default_fonts.expect("document default fonts");
    for k in ["ascii", "hAnsi", "cs"] {
        assert_eq!(
            attr(defaults, k).as_deref(),
            Some("Times New Roman"),
            "default {k}"
        );
    }
    let mut runs = 0;
    for xml in [&parts["word/document.xml"], &parts[&target("default")]] {
        let d = Document::parse(xml).unwrap();
        for r in all(&d, "r") {
            runs += 1;
            let fonts = w(r, "rPr").and_then(|p| w(p, "rFonts"));
            for k in ["ascii", "hAnsi", "cs"] {
                let seen = fonts.and_then(|f| attr(f, k)).or_else(|| attr(defaults, k));
                assert_eq!(
                    seen.as_deref(),
                    Some("Times New Roman"),
                    "{k} of {:?}",
                    text(r)
                );
            }
            if let Some(f) = fonts {
                assert!(
                    !f.attributes().any(|a| a.name().ends_with("Theme")),
                    "a theme font on {:?}",
                    text(r)
                );
            }
            let color = w(r, "rPr")
                .and_then(|p| w(p, "color"))
                .and_then(|c| attr(c, "val"));
            assert!(
                matches!(color.as_deref(), None | Some("000000")),
                "{color:?}"
            );
        }
    }
    assert!(runs > 500, "{runs} runs");
    // Every run says it is Vietnamese, so that Word checks it as such.
    let d = Document::parse(&parts["word/document.xml"]).unwrap();
    for r in all(&d, "r") {
        let lang = w(r, "rPr")
            .and_then(|p| w(p, "lang"))
            .and_then(|l| attr(l, "val"));
        assert_eq!(lang.as_deref(), Some("vi-VN"), "{:?}", text(r));
    }
    // The properties name the unit as author and the export time as created.
    let core = Document::parse(&parts["docProps/core.xml"]).unwrap();
    let prop = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(prop("creator"), "Ban Quản lý Khu kinh tế Hải Phòng");
    assert_eq!(prop("created"), "2026-01-15T08:30:00Z");
    assert_eq!(prop("language"), "vi-VN");
    assert!(
        prop("title").starts_with("Báo cáo Tự đánh giá, chấm điểm"),
        "{}",
        prop("title")
    );
}

fn text_of(n: Node) -> String {
    n.text().unwrap_or("").to_string()
}

#[test]
fn the_report_s_header_block_summary_table_and_explanations_are_the_dossier_s() {
    let dir = copy_sample(SAMPLE);
    let (parts, _) = export(dir.path(), &[SAMPLE]);
    let doc = Document::parse(&parts["word/document.xml"]).unwrap();
    let tables = tables(&doc);
    // Two rows: the bodies beside the national title, then the number beside the date,
    // so that "Số:" and the date stand on one line; the city's name never breaks.
    let header = &tables[0];
    assert_eq!(
        header[0][0],
        "ỦY BAN NHÂN DÂN THÀNH\u{a0}PHỐ\u{a0}HẢI\u{a0}PHÒNGBAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG"
    );
    assert_eq!(
        header[0][1],
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc"
    );
    assert_eq!(header[1][0], "Số: 318/BC-BQL");
    assert_eq!(header[1][1], "Hải Phòng, ngày 05 tháng 12 năm 2026");
    let body = paragraphs(&doc);
    assert!(body.contains(&"BÁO CÁO".to_string()));
    assert!(
        body.contains(&"Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2026".to_string())
    );
    assert!(body.contains(
        &"Tổng điểm tự đánh giá: 89,06/99 điểm; Chỉ số cải cách hành chính: 89,96%.".to_string()
    ));

    // The summary table: every node of `score --format json`, its maximum and points.
    let (_, json, _) = run_in(dir.path(), &["score", SAMPLE, "--format", "json"]);
    let (by_code, v) = figures(&json);
    let summary = tables
        .iter()
        .find(|t| t[0][0] == "STT")
        .expect("the summary table");
    assert_eq!(
        summary[0],
        [
            "STT",
            "Lĩnh vực / tiêu chí / tiêu chí thành phần",
            "Điểm tối đa",
            "Số liệu kê khai",
            "Điểm tự đánh giá",
            "Tài liệu kiểm chứng (số, ngày, trích yếu)"
        ]
    );
    let number = |s: &str| two(s.replace(',', ".").parse::<f64>().unwrap());
    let mut seen = 0;
    let mut unscored = Vec::new();
    for row in &summary[2..summary.len() - 2] {
        let code = code_of(&row[0]);
        let (achieved, max) = &by_code[&code];
        assert_eq!(&number(&row[2]), max, "maximum of {code}");
        if row[4] == "Chưa chấm" {
            unscored.push(code.clone());
        } else if !row[4].is_empty() {
            assert_eq!(&number(&row[4]), achieved, "points of {code}");
        }
        seen += 1;
    }
    assert_eq!(seen, by_code.len());
    // The leaves without a score say so, and a sentence of section I counts them.
    assert_eq!(
        unscored,
        ["1.2.1", "1.4.1", "3.4.4", "4.3.2", "5.4.2", "5.6.2", "7.1.2"]
    );
    assert!(body.contains(&"Còn 7 tiêu chí thành phần chưa chấm điểm (ghi \"Chưa chấm\" trong Bảng tổng hợp, tổng điểm tối đa 5 điểm, chưa tính vào tổng điểm): 1.2.1, 1.4.1, 3.4.4, 4.3.2, 5.4.2, 5.6.2, 7.1.2.".to_string()), "{body:?}");
    // Declared figures as a reader reads them: a rate with %, a count with its unit.
    let declared = |code: &str| summary.iter().find(|r| r[0] == code).unwrap()[3].clone();
    assert_eq!(declared("3.1.3"), "97%");
    assert_eq!(declared("3.4.2"), "86,4%");
    assert_eq!(declared("3.3.1"), "1842/1851 (99,51%)");
    assert_eq!(declared("1.4.2"), "0 trường hợp");
    let total = &summary[summary.len() - 2];
    assert_eq!(total[1], "TỔNG ĐIỂM");
    assert_eq!((total[2].as_str(), total[4].as_str()), ("99", "89,06"));
    assert_eq!(v["total"]["achieved"], "89.06");
    let index = &summary[summary.len() - 1];
    assert_eq!(index[4], "89,96");
    assert_eq!(v["total"]["index"], "89.96");
    let leaf = summary.iter().find(|r| r[0] == "1.1.1").unwrap();
    assert_eq!(leaf[3], "12/01/2026");
    assert!(leaf[5].starts_with("12/KH-BQL, 16/01/2026: Kế hoạch cải cách hành chính"));

    // Every leaf `evidence` lists as missing has an entry in section II, in the unit's
    // voice: the documents it relies on and its explanation, never the checker's findings.
    let (_, ev, _) = run_in(dir.path(), &["evidence", SAMPLE, "--format", "json"]);
    let ev: serde_json::Value = serde_json::from_str(&ev).unwrap();
    let start = body
        .iter()
        .position(|p| p.starts_with("II. GIẢI TRÌNH"))
        .unwrap();
    let end = body
        .iter()
        .position(|p| p.starts_with("III. KHÓ KHĂN"))
        .unwrap();
    let section = body[start..end].join("\n");
    let missing = ev["missing"].as_array().unwrap();
    assert_eq!(missing.len(), 5);
    for m in missing {
        let code = m["code"].as_str().unwrap();
        assert!(
            section.contains(&format!("Tiêu chí thành phần {code} — ")),
            "{code} not explained:\n{section}"
        );
    }
    assert!(section.contains(
        "4. Tiêu chí thành phần 1.3.2 — Thực hiện kiểm tra theo kế hoạch và xử lý tồn tại, hạn chế phát hiện qua kiểm tra (tự đánh giá 0,75/1 điểm)\n\
         - Tài liệu kiểm chứng: Số 283/BC-BQL ngày 20/11/2026 của Ban Quản lý Khu kinh tế Hải Phòng: Báo cáo kết quả tự kiểm tra công tác cải cách hành chính năm 2026 (đã kiểm tra 4/5 phòng, đơn vị)\n\
         - Giải trình của đơn vị: Đã kiểm tra 4/5 phòng, đơn vị theo Kế hoạch tự kiểm tra; việc kiểm tra Trung tâm Xúc tiến đầu tư tổ chức trong tháng 12/2026, kết quả sẽ bổ sung vào hồ sơ."
    ), "{section}");
    // A leaf without the unit's explanation gets a marked blank, highlighted to be seen.
    assert!(section.contains(
        "2. Tiêu chí thành phần 1.1.2 — Xác định đầy đủ nhiệm vụ CCHC và bố trí kinh phí (tự đánh giá 1/1 điểm)\n\
         - Tài liệu kiểm chứng: Số 12/KH-BQL ngày 16/01/2026 của Ban Quản lý Khu kinh tế Hải Phòng: Kế hoạch cải cách hành chính nhà nước năm 2026 của Ban Quản lý Khu kinh tế Hải Phòng\n\
         - Giải trình của đơn vị: [Đơn vị điền giải trình]"
    ), "{section}");
    let marked = all(&doc, "highlight").len();
    assert!(marked >= 8, "{marked} marked blanks");
    // What the unit sends names no file, no manifest, no document id, no "risk".
    let files: Vec<String> = std::fs::read_dir(dir.path().join(SAMPLE).join("files"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for p in &body[start..end] {
        assert!(!p.contains("manifest"), "{p}");
        assert!(!p.contains("nguy cơ"), "{p}");
        assert!(!p.contains(".txt") && !p.contains("files/"), "{p}");
        assert!(!files.iter().any(|f| p.contains(f.as_str())), "{p}");
        let vb_id = p.split(|c: char| !c.is_alphanumeric()).any(|w| {
            w.len() > 2 && w.starts_with("VB") && w[2..].bytes().all(|b| b.is_ascii_digit())
        });
        assert!(!vb_id, "{p}");
    }
    // A doubtful date is explained too: 1.1.1's plan is dated after the declared day.
    assert!(section.contains("1. Tiêu chí thành phần 1.1.1 — Ban hành kế hoạch CCHC năm"));
    let signature = tables.last().unwrap();
    assert!(signature[0][0].starts_with("Nơi nhận:- Sở Nội vụ thành phố (để báo cáo);"));
    assert_eq!(
        signature[0][1],
        "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BANNguyễn Văn A"
    );
}

#[test]
fn without_a_report_section_the_header_and_free_text_are_marked_blanks() {
    let dir = copy_sample(SAMPLE);
    let settings = dir.path().join(SAMPLE).join("dossier.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&settings).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("report");
    std::fs::write(&settings, v.to_string()).unwrap();
    let (parts, _) = export(dir.path(), &[SAMPLE]);
    let doc = Document::parse(&parts["word/document.xml"]).unwrap();
    let tables = tables(&doc);
    assert_eq!(tables[0][0][0], "BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG");
    assert_eq!(tables[0][1][0], "Số: …/BC-…");
    assert_eq!(tables[0][1][1], "…, ngày … tháng … năm …");
    let body = paragraphs(&doc);
    let after = |heading: &str| {
        let at = body.iter().position(|p| p == heading).unwrap();
        body[at + 1].clone()
    };
    assert_eq!(
        after("III. KHÓ KHĂN, VƯỚNG MẮC"),
        "……… (đơn vị bổ sung nội dung)"
    );
    assert_eq!(
        after("IV. KIẾN NGHỊ, ĐỀ XUẤT"),
        "……… (đơn vị bổ sung nội dung)"
    );
    let signature = tables.last().unwrap();
    assert_eq!(signature[0][0], "Nơi nhận:- …");
    assert_eq!(signature[0][1], "……");
}

#[test]
fn a_wrong_report_section_is_reported_at_each_key_in_both_languages() {
    let dir = copy_sample(SAMPLE);
    let settings = dir.path().join(SAMPLE).join("dossier.json");
    let text = std::fs::read_to_string(&settings).unwrap();
    let text = text
        .replace("\"number\": \"318/BC-BQL\"", "\"numbr\": \"318/BC-BQL\"")
        .replace("\"date\": \"05/12/2026\"", "\"date\": \"31/11/2026\"");
    std::fs::write(&settings, text).unwrap();
    let file = dir.path().join("bao-cao.docx");
    let args = ["export", SAMPLE, "--docx", file.to_str().unwrap()];
    let (code, out, err) = run_in(dir.path(), &args);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        err,
        "evidence/2026/dossier.json:13:5: mục \"report\" không có khóa \"numbr\"; có phải là \"number\"? (các khóa: superior, issuer, number, place, date, signer, signer_title, recipients, introduction, difficulties, recommendations, appeal_number, appeal_date, appeal_to, appeal_introduction)\n\
         evidence/2026/dossier.json:15:5: \"date\": \"31/11/2026\" không phải là ngày hợp lệ; viết ví dụ \"20/12/2026\" hoặc \"2026-12-20\"\n\
         2 lỗi, 0 cảnh báo\n"
    );
    assert!(!file.exists());
    let (_, _, err) = run_in(dir.path(), &[&args[..], &["--lang", "en"]].concat());
    assert!(
        err.contains(
            "evidence/2026/dossier.json:15:5: \"date\": \"31/11/2026\" is not a valid date"
        ),
        "{err}"
    );
    // `score` does not read the section: a typo in the report text does not stop it.
    let (code, _, _) = run_in(dir.path(), &["score", SAMPLE]);
    assert_eq!(code, 0);
}

#[test]
fn text_from_the_dossier_cannot_break_the_document_s_xml() {
    let dir = copy_sample(SAMPLE);
    let scores = dir.path().join(SAMPLE).join("scores.csv");
    let text = std::fs::read_to_string(&scores).unwrap();
    let note = "Đã kiểm tra 4/5 phòng, đơn vị theo Kế hoạch tự kiểm tra; việc kiểm tra Trung tâm Xúc tiến đầu tư tổ chức trong tháng 12/2026, kết quả sẽ bổ sung vào hồ sơ.";
    assert!(text.contains(note));
    let text = text.replace(note, "</w:t></w:r><w:r><w:t>& <b>\u{1}x\u{fffe}");
    std::fs::write(&scores, text).unwrap();
    let (parts, _) = export(dir.path(), &[SAMPLE]);
    let doc = Document::parse(&parts["word/document.xml"]).expect("well-formed XML");
    let body = paragraphs(&doc);
    assert!(
        body.contains(&"- Giải trình của đơn vị: </w:t></w:r><w:r><w:t>& <b> x ".to_string()),
        "{:?}",
        body.iter()
            .filter(|p| p.contains("</w:t>"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_appeal_letter_lists_the_council_s_cuts_as_gap_prints_them() {
    let dir = copy_sample("evidence/2025");
    let (parts, out) = export(dir.path(), &["evidence/2025", "--appeal"]);
    assert!(
        out.contains("6 tiêu chí thành phần bị trừ điểm, tổng điểm thẩm định 88,99 → 91,12 nếu được chấp nhận (tăng 2,13)"),
        "{out}"
    );
    let doc = Document::parse(&parts["word/document.xml"]).unwrap();
    let tables = tables(&doc);
    assert!(tables[0][1][0].contains("Số: 96/BQL-VPV/v giải trình, bổ sung kết quả thẩm định"));
    assert_eq!(tables[0][1][1], "Hải Phòng, ngày 10 tháng 3 năm 2026");
    let cuts = tables.iter().find(|t| t[0][0] == "STT").unwrap();
    let listed: Vec<(&str, &str, &str, &str)> = cuts[1..cuts.len() - 1]
        .iter()
        .map(|r| (r[1].as_str(), r[3].as_str(), r[4].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("3.3.1", "1,5", "1", "0,5"),
            ("3.5.1", "1", "0,5", "0,5"),
            ("4.3.2", "0,5", "0", "0,5"),
            ("7.4.1", "1", "0,75", "0,25"),
            ("7.4.2", "1", "0,75", "0,25"),
            ("3.4.4", "0,45", "0,32", "0,13"),
        ]
    );
    let sum = cuts.last().unwrap();
    assert_eq!((sum[2].as_str(), sum[5].as_str()), ("Cộng", "2,13"));
    // The same codes and figures, in the same order, as gap's appraisal cuts.
    let (_, gap, _) = run(&["gap", "evidence/2025", "--format", "json"]);
    let gap: serde_json::Value = serde_json::from_str(&gap).unwrap();
    let from_gap: Vec<(String, String)> = gap["recovery"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["reason"] == "appraisal_cut")
        .map(|s| {
            let p = s["points"].as_str().unwrap();
            (s["code"].as_str().unwrap().to_string(), p.to_string())
        })
        .collect();
    let from_letter: Vec<(String, String)> = listed
        .iter()
        .map(|(code, _, _, stake)| {
            let stake: f64 = stake.replace(',', ".").parse().unwrap();
            (code.to_string(), two(stake))
        })
        .collect();
    assert_eq!(from_letter, from_gap);
    let body = paragraphs(&doc);
    assert!(body.contains(
        &"Kính gửi: Hội đồng thẩm định Chỉ số cải cách hành chính thành phố Hải Phòng".to_string()
    ));
    assert!(body.contains(&"Tổng điểm sau thẩm định: 88,99/100 điểm, Chỉ số 88,99%. Nếu 6 nội dung giải trình dưới đây được chấp nhận: 91,12/100 điểm, Chỉ số 91,12% (tăng 2,13 điểm).".to_string()));
    let first = body
        .iter()
        .position(|p| p.starts_with("1. Tiêu chí thành phần 3.3.1 — "))
        .unwrap();
    assert_eq!(
        body[first + 1],
        "- Điểm: Điểm tối đa 2; đơn vị tự đánh giá 1,5; Hội đồng thẩm định 1; đề nghị xem xét lại 0,5 điểm."
    );
    // The council's reason is context, labelled as such; the unit's answer is its own.
    assert_eq!(
        body[first + 2],
        "- Ý kiến của Hội đồng thẩm định: Hệ thống thông tin giải quyết TTHC thành phố ghi nhận 2.337/2.397 hồ sơ giải quyết đúng hạn (97,5%), thấp hơn số liệu đơn vị kê khai."
    );
    assert!(
        body[first + 3].starts_with("- Giải trình của đơn vị: Chênh lệch 51 hồ sơ"),
        "{}",
        body[first + 3]
    );
    // The 2025 sample has no manifest: the evidence line is a marked blank to fill in.
    assert_eq!(
        body[first + 4],
        "- Tài liệu kiểm chứng: [Đơn vị ghi số, ngày, cơ quan ban hành, trích yếu tài liệu kiểm chứng]"
    );
}

#[test]
fn the_appeal_letter_prints_each_answer_under_its_leaf_and_the_council_s_reason_only_as_context() {
    let dir = copy_sample(SAMPLE);
    let scores = dir.path().join(SAMPLE).join("scores.csv");
    let text = std::fs::read_to_string(&scores).unwrap();
    // The council gave every leaf the unit's points but three, each with its reason; the
    // unit answered two of them.
    let (_, json, _) = run_in(dir.path(), &["score", SAMPLE, "--format", "json"]);
    let (by_code, _) = figures(&json);
    let cuts = [
        (
            "1.1.1",
            "0.5",
            "Kế hoạch ban hành ngày 16/01/2026, quá hạn",
            "Kế hoạch ký ngày 12/01/2026; ngày 16/01 là ngày phát hành",
        ),
        (
            "1.3.2",
            "0.5",
            "Chưa kiểm tra đủ 5/5 phòng, đơn vị",
            "Trung tâm Xúc tiến đầu tư đã được kiểm tra ngày 05/12/2026",
        ),
        (
            "2.4.1",
            "0",
            "Không thấy báo cáo theo dõi thi hành pháp luật",
            "",
        ),
    ];
    let mut lines = text.lines();
    let mut out = format!(
        "{},appraised,appraisal_note,answer\n",
        lines.next().unwrap()
    );
    for line in lines {
        let code = line.split(',').next().unwrap();
        let (appraised, reason, answer) = match cuts.iter().find(|c| c.0 == code) {
            Some((_, a, r, ans)) => (a.to_string(), *r, *ans),
            None => (by_code[code].0.clone(), "", ""),
        };
        out.push_str(&format!("{line},{appraised},\"{reason}\",\"{answer}\"\n"));
    }
    std::fs::write(&scores, out).unwrap();
    let (parts, out) = export(dir.path(), &[SAMPLE, "--appeal"]);
    assert!(
        out.contains("3 tiêu chí thành phần bị trừ điểm, tổng điểm thẩm định 87,81 → 89,06 nếu được chấp nhận (tăng 1,25)"),
        "{out}"
    );
    let doc = Document::parse(&parts["word/document.xml"]).unwrap();
    let body = paragraphs(&doc);
    let entry = |code: &str| -> Vec<String> {
        let at = body
            .iter()
            .position(|p| p.contains(&format!("Tiêu chí thành phần {code} — ")))
            .unwrap_or_else(|| panic!("no entry for {code}: {body:?}"));
        let end = body[at + 1..]
            .iter()
            .position(|p| p.contains("Tiêu chí thành phần ") || p.contains("kính đề nghị"))
            .map_or(body.len(), |e| at + 1 + e);
        body[at + 1..end].to_vec()
    };
    for (code, _, reason, answer) in cuts {
        let lines = entry(code);
        assert!(
            lines.contains(&format!("- Ý kiến của Hội đồng thẩm định: {reason}.")),
            "{code}: {lines:?}"
        );
        let said = if answer.is_empty() {
            "- Giải trình của đơn vị: [Đơn vị điền ý kiến giải trình]".to_string()
        } else {
            format!("- Giải trình của đơn vị: {answer}")
        };
        assert!(lines.contains(&said), "{code}: {lines:?}");
    }
    // No council reason is ever printed as what the unit says.
    for p in body
        .iter()
        .filter(|p| p.starts_with("- Giải trình của đơn vị:"))
    {
        for (_, _, reason, _) in cuts {
            assert!(!p.contains(reason), "a reason shown as the answer: {p}");
        }
    }
    // The documents behind each cut are the manifest's, by number, date, issuer and title.
    assert!(entry("1.1.1").contains(&"- Tài liệu kiểm chứng: Số 12/KH-BQL ngày 16/01/2026 của Ban Quản lý Khu kinh tế Hải Phòng: Kế hoạch cải cách hành chính nhà nước năm 2026 của Ban Quản lý Khu kinh tế Hải Phòng".to_string()), "{body:?}");
    assert!(entry("2.4.1").contains(&"+ Số 31/KH-BQL ngày 24/02/2026 của Ban Quản lý Khu kinh tế Hải Phòng: Kế hoạch theo dõi tình hình thi hành pháp luật năm 2026".to_string()), "{:?}", entry("2.4.1"));
}

#[test]
fn a_dossier_without_the_council_s_points_gets_a_located_error_for_appeal() {
    let file = std::env::temp_dir().join("parscore-no-appeal.docx");
    let (code, out, err) = run(&[
        "export",
        SAMPLE,
        "--docx",
        file.to_str().unwrap(),
        "--appeal",
    ]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        err,
        "evidence/2026/scores.csv:1:1: --appeal cần điểm thẩm định (sơ bộ) của Hội đồng: thêm cột \"appraised\" vào phiếu chấm và ghi điểm Hội đồng chấm cho từng tiêu chí thành phần (xem docs/word-report.md)\n1 lỗi, 0 cảnh báo\n"
    );
    assert!(!file.exists());
    let (code, _, _) = run(&["export", SAMPLE, "--appeal"]);
    assert_eq!(code, 2, "--appeal needs --docx");
}

#[test]
fn english_headings_with_lang_en() {
    let dir = copy_sample(SAMPLE);
    let (parts, out) = export(dir.path(), &[SAMPLE, "--lang", "en"]);
    assert!(
        out.contains("total 89.06 / 99 points, index 89.96, 11 components to explain"),
        "{out}"
    );
    let doc = Document::parse(&parts["word/document.xml"]).unwrap();
    let body = paragraphs(&doc);
    for heading in [
        "REPORT",
        "I. RESULT OF THE SELF-ASSESSMENT",
        "II. EXPLANATION OF THE COMPONENTS WITHOUT COMPLETE EVIDENCE",
        "III. DIFFICULTIES",
        "IV. RECOMMENDATIONS",
        "Self-assessed total: 89.06/99 points; PAR index: 89.96%.",
    ] {
        assert!(body.contains(&heading.to_string()), "{heading}");
    }
    let tables = tables(&doc);
    assert_eq!(
        tables[0][0][1],
        "SOCIALIST REPUBLIC OF VIET NAMIndependence - Freedom - Happiness"
    );
}

/// Converts a DOCX to PDF with LibreOffice (its own profile folder) and returns the text of
/// each page as `pdftotext -layout` reads it.
fn pdf_pages(docx: &Path) -> Vec<String> {
    let out = docx.parent().unwrap();
    let profile = out.join(format!(
        "profile-{}",
        docx.file_stem().unwrap().to_string_lossy()
    ));
    let ran = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .arg(docx)
        .output()
        .unwrap_or_else(|e| panic!("soffice (LibreOffice) is needed by this test ({e}): install it with scripts/test-deps.sh"));
    let pdf = docx.with_extension("pdf");
    assert!(
        pdf.exists(),
        "soffice did not convert {}: {}",
        docx.display(),
        String::from_utf8_lossy(&ran.stderr)
    );
    let text = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: install it with scripts/test-deps.sh");
    String::from_utf8(text.stdout)
        .unwrap()
        .split('\u{c}')
        .map(str::to_string)
        .filter(|p| !p.trim().is_empty())
        .collect()
}

fn first_line(page: &str) -> &str {
    page.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

#[test]
fn libreoffice_renders_the_report_and_the_letter_with_their_figures_and_page_numbers() {
    let dir = copy_sample(SAMPLE);
    export(dir.path(), &[SAMPLE]);
    let pages = pdf_pages(&dir.path().join("bao-cao.docx"));
    // With Times New Roman's metrics (fonts-liberation2) the report is 24 pages.
    assert_eq!(pages.len(), 24, "pages");
    // The header block as Decree 30 sets it: the motto on one line, the city's name
    // unbroken, "Số:" on the line of the date.
    let lines: Vec<String> = pages[0].lines().map(|l| l.replace('\u{a0}', " ")).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Độc lập - Tự do - Hạnh phúc")),
        "{}",
        pages[0]
    );
    assert!(
        lines.iter().any(|l| l.contains("THÀNH PHỐ HẢI PHÒNG")),
        "{}",
        pages[0]
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Số: 318/BC-BQL")
                && l.contains("Hải Phòng, ngày 05 tháng 12 năm 2026")),
        "{}",
        pages[0]
    );
    // Section II, as printed, speaks for the unit: no file, manifest, id or "risk".
    let printed = pages.join("\n");
    let start = printed.find("II. GIẢI TRÌNH").unwrap();
    let end = printed.find("III. KHÓ KHĂN").unwrap();
    let section = &printed[start..end];
    for word in ["manifest", "nguy cơ", ".txt", "files/", "VB0", "VB1", "VB9"] {
        assert!(!section.contains(word), "{word} in section II:\n{section}");
    }
    // Page 1 has no number: it opens with the header block.
    assert!(
        first_line(&pages[0]).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{}",
        pages[0]
    );
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert_eq!(
            first_line(page),
            (i + 1).to_string(),
            "page {} starts with its number",
            i + 1
        );
    }
    // The summary table's header row repeats on the pages it runs over (w:tblHeader): page
    // 3 is all table, and still says what its columns are.
    let page3 = pages[2].split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(page3.contains("STT"), "{page3}");
    assert!(page3.contains("Tài liệu kiểm chứng"), "{page3}");
    let all = pages.join("\n");
    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        "Tổng điểm tự đánh giá: 89,06/99 điểm; Chỉ số cải cách hành chính: 89,96%.",
        "TỔNG ĐIỂM 99 89,06",
        "Độc lập - Tự do - Hạnh phúc",
    ] {
        assert!(flat.contains(said), "{said} not in the PDF");
    }

    let dir = copy_sample("evidence/2025");
    export(dir.path(), &["evidence/2025", "--appeal"]);
    let pages = pdf_pages(&dir.path().join("giai-trinh.docx"));
    assert_eq!(pages.len(), 3, "pages of the letter");
    let lines: Vec<&str> = pages[0].lines().collect();
    assert!(lines
        .iter()
        .any(|l| l.contains("Độc lập - Tự do - Hạnh phúc")));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Số: 96/BQL-VP")
                && l.contains("Hải Phòng, ngày 10 tháng 3 năm 2026")),
        "{}",
        pages[0]
    );
    assert_eq!(first_line(&pages[1]), "2");
    let flat = pages
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("Tổng điểm sau thẩm định: 88,99/100 điểm"),
        "{flat}"
    );
    assert!(flat.contains("91,12/100 điểm"));
    assert!(flat.contains("Cộng 5,45 3,32 2,13"), "{flat}");
}

#[test]
fn a_dossier_without_a_manifest_leaves_a_marked_blank_for_the_explanations() {
    let dir = copy_sample("evidence/2025");
    let (parts, out) = export(dir.path(), &["evidence/2025"]);
    assert!(
        out.contains("tổng 92,58 / 100 điểm, chỉ số 92,58, 0 tiêu chí thành phần có giải trình; hồ sơ chưa có manifest.csv nên chưa xác định tiêu chí thiếu tài liệu"),
        "{out}"
    );
    let doc = Document::parse(&parts["word/document.xml"]).unwrap();
    let body = paragraphs(&doc);
    let at = body
        .iter()
        .position(|p| p.starts_with("II. GIẢI TRÌNH"))
        .unwrap();
    // What the unit sends does not speak of the tool's files: a marked blank to fill in.
    assert_eq!(
        body[at + 1],
        "[Đơn vị điền giải trình các tiêu chí thành phần chưa có hoặc chưa đủ tài liệu kiểm chứng (nếu có)]"
    );
    assert_eq!(tables(&doc)[0][1][0], "Số: 12/BC-BQL");
}
