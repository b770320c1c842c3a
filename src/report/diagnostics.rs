//! Problems, as lines for people or JSON for tools.

use crate::diag::Diagnostic;
use crate::lang::Lang;

/// One line per problem, then a count.
pub fn lines(diags: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render(lang));
        out.push('\n');
    }
    out
}

/// "3 lỗi, 1 cảnh báo" / "3 errors, 1 warning".
pub fn count_phrase(errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{errors} lỗi, {warnings} cảnh báo"),
        Lang::En => format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
    }
}

pub fn json(diags: &[Diagnostic], lang: Lang) -> serde_json::Value {
    serde_json::Value::Array(diags.iter().map(|d| d.to_json(lang)).collect())
}
