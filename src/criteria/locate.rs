//! Finds the line of each `"code": "…"` in a criteria file, so that a problem found after
//! parsing can still point a person at the right place.

use std::collections::HashMap;

/// For each code value, the lines where `"code": "<value>"` stands, in order.
pub fn code_lines(text: &str) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    let tokens = string_tokens(text);
    for pair in tokens.windows(2) {
        let (key, _, after_key) = &pair[0];
        let (value, line, _) = &pair[1];
        if key == "code" && text[*after_key..].trim_start().starts_with(':') {
            out.entry(value.clone()).or_default().push(*line);
        }
    }
    out
}

/// Every JSON string literal: its (unescaped-enough) content, its line, and the byte
/// offset just after its closing quote. Escapes are kept as written; codes never hold any.
fn string_tokens(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '\n' => line += 1,
            '"' => {
                let start_line = line;
                let mut content = String::new();
                let mut end = text.len();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => {
                            content.push(c);
                            if let Some((_, e)) = chars.next() {
                                content.push(e);
                            }
                        }
                        '"' => {
                            end = i + 1;
                            break;
                        }
                        '\n' => {
                            line += 1;
                            content.push(c);
                        }
                        _ => content.push(c),
                    }
                }
                out.push((content, start_line, end));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_code_with_its_line() {
        let text = "{\n \"areas\": [\n  { \"code\" : \"1\",\n    \"name\": \"code\" },\n  {\"code\":\"1\"}\n]}";
        let lines = code_lines(text);
        assert_eq!(lines["1"], vec![3, 5]);
        assert!(!lines.contains_key("name"));
    }
}
