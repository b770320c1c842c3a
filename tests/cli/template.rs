//! `parscore template`: the blank sheet, filled in as a person would, scores with no other edit.

use crate::harness::{data, run};

#[test]
fn a_filled_template_scores_without_any_other_edit() {
    let dir = crate::harness::copy_dir(&data("dossiers/unscored"));
    std::fs::remove_file(dir.path().join("scores.csv")).unwrap();
    std::fs::write(
        dir.path().join("dossier.json"),
        r#"{ "format": "parscore-dossier/1", "unit": "Đơn vị", "year": 2026, "criteria": "rules.json", "as_of": "2026-11-30" }"#,
    )
    .unwrap();
    std::fs::copy(
        data("criteria/good/rules.json"),
        dir.path().join("rules.json"),
    )
    .unwrap();
    let sheet = dir.path().join("scores.csv");
    let (code, out, err) = run(&[
        "template",
        dir.path().to_str().unwrap(),
        "--out",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("8 tiêu chí lá"), "{out}");
    let bytes = std::fs::read(&sheet).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFcode,name,max,rule,required_evidence,value,note\n"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("1.1.2,Tỷ lệ nhiệm vụ hoàn thành đúng hạn,2,Trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm,,,"), "{text}");
    // Fill the value column as a person would in Excel.
    let values = [
        ("1.1.1", "10/01/2026"),
        ("1.1.2", "95"),
        ("1.2.1", "Có"),
        ("1.2.2", "100"),
        ("1.2.3", "0"),
        ("1.2.4", "0,5"),
        ("8.1", "50"),
    ];
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(reader.headers().unwrap()).unwrap();
    for row in reader.records() {
        let mut row: Vec<String> = row.unwrap().iter().map(str::to_string).collect();
        if let Some((_, v)) = values.iter().find(|(c, _)| *c == row[0]) {
            row[5] = v.to_string();
        }
        writer.write_record(&row).unwrap();
    }
    let mut filled = b"\xEF\xBB\xBF".to_vec();
    filled.extend(writer.into_inner().unwrap());
    std::fs::write(&sheet, filled).unwrap();
    let (code, out, err) = run(&["score", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // self: 1 + 2 + 1 + 1 + 0.5 + 0.5 + plan 1 = 7; survey 2 × 50% = 1
    assert_eq!(v["total"]["achieved"], "8.00");
    assert_eq!(v["total"]["self_achieved"], "7.00");
}

#[test]
fn template_refuses_to_overwrite_an_existing_file() {
    let dir = crate::harness::copy_dir(&data("dossiers/scored_by_hand"));
    let sheet = dir.path().join("scores.csv");
    let before = std::fs::read(&sheet).unwrap();
    let criteria = data("criteria/good/rules.json");
    let (code, _, err) = run(&[
        "template",
        criteria.to_str().unwrap(),
        "--out",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("tệp đã tồn tại"), "{err}");
    assert_eq!(std::fs::read(&sheet).unwrap(), before);
}
