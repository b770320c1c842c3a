//! serde_json's English, said in the user's language: a syntax error or a wrong field in a
//! JSON input becomes a sentence that says what is wrong and what to write instead. The
//! English message keeps serde's own wording (without its position, which the diagnostic
//! carries); the Vietnamese one never quotes it, so no library English reaches a reader
//! of Vietnamese.

use crate::lang::Text;

/// What a serde_json error means, in both languages, without its position.
pub fn serde_text(e: &serde_json::Error) -> Text {
    let full = e.to_string();
    let en = full.split(" at line ").next().unwrap_or("").to_string();
    Text::new(vietnamese(&en), en)
}

/// The text between the first pair of backticks: serde names fields as `format`.
fn quoted(s: &str) -> &str {
    s.split('`').nth(1).unwrap_or("")
}

fn vietnamese(en: &str) -> String {
    if let Some(rest) = en.strip_prefix("missing field ") {
        let key = quoted(rest);
        return format!("thiếu khóa \"{key}\"; thêm \"{key}\": <giá trị> vào tệp");
    }
    if let Some(rest) = en.strip_prefix("unknown field ") {
        let key = quoted(rest);
        return format!(
            "khóa \"{key}\" không có trong định dạng; xóa hoặc sửa tên khóa (các khóa: {})",
            backticked_list(rest)
        );
    }
    if let Some(rest) = en.strip_prefix("unknown variant ") {
        let v = quoted(rest);
        return format!(
            "giá trị \"{v}\" không hợp lệ; các giá trị: {}",
            backticked_list(rest)
        );
    }
    if let Some(rest) = en.strip_prefix("duplicate field ") {
        let key = quoted(rest);
        return format!("khóa \"{key}\" được viết hai lần; giữ một");
    }
    if let Some(rest) = en
        .strip_prefix("invalid type: ")
        .or_else(|| en.strip_prefix("invalid value: "))
    {
        let (got, wanted) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "giá trị sai kiểu: có {}, cần {}",
            kind_vi(got),
            kind_vi(wanted)
        );
    }
    if en.starts_with("invalid length") {
        return "số phần tử trong danh sách không đúng".into();
    }
    let syntax: [(&str, &str); 14] = [
        (
            "EOF while parsing",
            "tệp kết thúc giữa chừng: thiếu dấu } hoặc ] đóng, hoặc thiếu dấu \" đóng chuỗi",
        ),
        (
            "expected `,` or `}`",
            "thiếu dấu phẩy giữa hai khóa, hoặc thiếu dấu } đóng",
        ),
        (
            "expected `,` or `]`",
            "thiếu dấu phẩy giữa hai phần tử, hoặc thiếu dấu ] đóng",
        ),
        ("expected `:`", "thiếu dấu hai chấm sau tên khóa"),
        (
            "expected value",
            "cần một giá trị ở đây: chuỗi trong ngoặc kép, số, true, false, null, [ ] hoặc { }",
        ),
        (
            "expected ident",
            "giá trị viết sai: chỉ được dùng true, false hoặc null không có ngoặc kép",
        ),
        (
            "trailing comma",
            "thừa dấu phẩy trước dấu } hoặc ]; xóa dấu phẩy đó",
        ),
        (
            "trailing characters",
            "còn ký tự sau khi nội dung JSON đã kết thúc; xóa phần thừa",
        ),
        ("key must be a string", "tên khóa phải đặt trong ngoặc kép"),
        (
            "control character",
            "chuỗi chứa ký tự điều khiển (xuống dòng, tab); viết \\n hoặc \\t thay thế",
        ),
        (
            "invalid escape",
            "chuỗi có ký tự thoát \\ không hợp lệ; viết \\\\ cho một dấu \\",
        ),
        ("invalid number", "số không hợp lệ"),
        ("number out of range", "số quá lớn"),
        ("recursion limit exceeded", "cấu trúc lồng nhau quá sâu"),
    ];
    for (english, vi) in syntax {
        if en.contains(english) {
            return vi.to_string();
        }
    }
    if en.contains("unicode") || en.contains("surrogate") {
        return "chuỗi có mã Unicode \\u không hợp lệ".into();
    }
    "nội dung JSON không hợp lệ ở vị trí này".into()
}

/// `expected one of `a`, `b`` → `a, b`.
fn backticked_list(s: &str) -> String {
    let Some((_, list)) = s.split_once("expected ") else {
        return String::new();
    };
    list.split('`')
        .skip(1)
        .step_by(2)
        .collect::<Vec<_>>()
        .join(", ")
}

/// serde's name of a JSON value or of the type it wanted, in Vietnamese.
fn kind_vi(s: &str) -> String {
    let s = s.trim();
    let detail = s
        .split_once(' ')
        .map(|(_, d)| d.trim_matches('`'))
        .unwrap_or("");
    let noun = if s.starts_with("string") || s.contains("a string") || s == "str" {
        "chuỗi trong ngoặc kép"
    } else if s.starts_with("integer")
        || [
            "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "usize",
        ]
        .iter()
        .any(|t| s == *t || s.starts_with(&format!("{t} ")))
        || s.contains("integer")
    {
        "số nguyên"
    } else if s.starts_with("floating point") || s == "f64" || s.contains("number") {
        "số"
    } else if s.starts_with("boolean") || s.contains("bool") {
        "true hoặc false"
    } else if s.starts_with("null") || s.starts_with("unit") {
        "null (không có giá trị)"
    } else if s.contains("sequence") || s.contains("array") {
        "danh sách [ ]"
    } else if s.contains("map") || s.contains("struct") {
        "đối tượng { }"
    } else {
        "giá trị khác"
    };
    if detail.is_empty() || noun == "giá trị khác" && s.contains(' ') {
        noun.to_string()
    } else if s.starts_with("string")
        || s.starts_with("integer")
        || s.starts_with("floating")
        || s.starts_with("boolean")
    {
        format!("{noun} {detail}")
    } else {
        noun.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vi_of(json: &str) -> String {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct S {
            format: String,
            year: i32,
        }
        let e = serde_json::from_str::<S>(json).unwrap_err();
        serde_text(&e).vi
    }

    #[test]
    fn field_errors_say_what_to_write() {
        assert_eq!(
            vi_of(r#"{"year": 2026}"#),
            "thiếu khóa \"format\"; thêm \"format\": <giá trị> vào tệp"
        );
        assert_eq!(
            vi_of(r#"{"format": "x", "year": 2026, "yr": 1}"#),
            "khóa \"yr\" không có trong định dạng; xóa hoặc sửa tên khóa (các khóa: format, year)"
        );
        assert_eq!(
            vi_of(r#"{"format": "x", "year": "2026"}"#),
            "giá trị sai kiểu: có chuỗi trong ngoặc kép \"2026\", cần số nguyên"
        );
        assert_eq!(
            vi_of(r#"{"format": "x", "year": 2026,}"#),
            "thừa dấu phẩy trước dấu } hoặc ]; xóa dấu phẩy đó"
        );
        assert_eq!(
            vi_of(r#"{"format": "x" "year": 2026}"#),
            "thiếu dấu phẩy giữa hai khóa, hoặc thiếu dấu } đóng"
        );
    }
}
