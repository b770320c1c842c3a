//! Finds the line of each `"code": "…"` in a criteria file, so that a problem found after
//! parsing can still point a person at the right place.

use std::collections::HashMap;

/// For each value of `key`, the lines where `"<key>": "<value>"` stands, in order.
pub fn key_lines(text: &str, key: &str) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    let tokens = string_tokens(text);
    for pair in tokens.windows(2) {
        let (k, _, after_key) = &pair[0];
        let (value, line, _) = &pair[1];
        if k == key && text[*after_key..].trim_start().starts_with(':') {
            out.entry(value.trim().to_string()).or_default().push(*line);
        }
    }
    out
}

/// The line of the first `"<key>":` in the text.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    string_tokens(text)
        .into_iter()
        .find(|(k, _, end)| k == key && text[*end..].trim_start().starts_with(':'))
        .map(|(_, line, _)| line)
}

/// Keys written twice in the same object (JSON readers silently keep the last one):
/// the key and the line of its second appearance.
pub fn duplicate_keys(text: &str) -> Vec<(String, usize)> {
    let tokens = string_tokens(text);
    let mut out = Vec::new();
    // Walk the structural characters between string tokens, keeping one key set per open object.
    let mut stack: Vec<Option<Vec<String>>> = Vec::new();
    let mut next = tokens.iter().peekable();
    let mut in_string_until = 0;
    let mut line = 1;
    for (i, c) in text.char_indices() {
        if i < in_string_until {
            if c == '\n' {
                line += 1;
            }
            continue;
        }
        match c {
            '\n' => line += 1,
            '{' => stack.push(Some(Vec::new())),
            '[' => stack.push(None),
            '}' | ']' => {
                stack.pop();
            }
            '"' => {
                let Some((content, _, end)) = next.next() else {
                    break;
                };
                in_string_until = *end;
                let is_key = text[*end..].trim_start().starts_with(':');
                if let (true, Some(Some(keys))) = (is_key, stack.last_mut()) {
                    if keys.contains(content) {
                        out.push((content.clone(), line));
                    } else {
                        keys.push(content.clone());
                    }
                }
            }
            _ => {}
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
    fn finds_doubled_keys_in_one_object_only() {
        let text = "{\"a\": {\"max\": 1,\n \"max\": 2}, \"b\": {\"max\": \"max\"}, \"c\": [{\"k\":1},{\"k\":2}]}";
        assert_eq!(duplicate_keys(text), vec![("max".to_string(), 2)]);
    }

    #[test]
    fn finds_each_code_with_its_line() {
        let text = "{\n \"areas\": [\n  { \"code\" : \"1\",\n    \"name\": \"code\" },\n  {\"code\":\"1\"}\n]}";
        let lines = key_lines(text, "code");
        assert_eq!(lines["1"], vec![3, 5]);
        assert!(!lines.contains_key("name"));
    }
}
