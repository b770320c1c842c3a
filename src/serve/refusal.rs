//! A change the server did not make, as its answer: 422 with the located problems, 500 for
//! a file that could not be written, 409 with what the page needs to let the person choose
//! (a stale page, the other person's value and name, a seal to break, a file held open).

use super::edit::Refusal;
use super::reply;
use crate::lang::Lang;
use axum::http::StatusCode;
use axum::response::Response;

/// A refusal as its answer: 422 with the located problems, 409 with what to choose.
pub fn refusal(r: Refusal, dir: &std::path::Path, lang: Lang) -> Response {
    let w = crate::report::words::Words(lang);
    let (reason, message, extra, etag) = match r {
        Refusal::Invalid(diags) => {
            return reply::problems(
                StatusCode::UNPROCESSABLE_ENTITY,
                &reply::located_in(dir, diags),
                lang,
            )
        }
        Refusal::Failed(d) => {
            return reply::problems(
                StatusCode::INTERNAL_SERVER_ERROR,
                &reply::located_in(dir, vec![*d]),
                lang,
            )
        }
        Refusal::Busy(d) => {
            return reply::problems(
                StatusCode::CONFLICT,
                &reply::located_in(dir, vec![*d]),
                lang,
            )
        }
        Refusal::Stale { etag } => (
            "stale",
            w.pick(
                "tệp của hồ sơ đã được sửa ở nơi khác sau khi trang này được mở; tải lại trang để xem bản mới rồi làm lại (không ghi đè)",
                "the dossier's files were changed elsewhere after this page was opened; reload the page to see the new version and try again (nothing was overwritten)",
            )
            .to_string(),
            serde_json::Value::Null,
            Some(etag),
        ),
        Refusal::Conflict(c) => {
            let (key, file) = (&c.key, &c.file);
            let who = c
                .by
                .as_ref()
                .map(|e| e.who.clone())
                .filter(|w| !w.is_empty())
                .unwrap_or_else(|| w.pick("ai đó (ngoài ứng dụng)", "someone (outside the app)").into());
            let when = c.by.as_ref().map(|e| e.when.clone()).unwrap_or_default();
            let message = w.t(
                format_args!("dòng {key} của {file} vừa được {who} sửa ({when}); giá trị của bạn chưa được ghi: chọn giữ giá trị nào"),
                format_args!("row {key} of {file} was just changed by {who} ({when}); your value was not written: choose which to keep"),
            );
            let pairs = |v: &[(String, String)]| {
                serde_json::Value::Object(
                    v.iter()
                        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                        .collect(),
                )
            };
            let extra = serde_json::json!({
                "file": c.file, "key": c.key, "yours": pairs(&c.yours), "theirs": pairs(&c.theirs),
                "by": c.by.as_ref().map(|e| e.who.clone()), "at": c.by.as_ref().map(|e| e.when.clone()),
                "change": c.by.as_ref().map(|e| e.change),
            });
            ("conflict", message, extra, Some(c.etag))
        }
        Refusal::Sealed(s) => {
            let at = crate::report::seal::when(&s.at);
            let by = if s.by.is_empty() {
                String::new()
            } else {
                format!(" ({})", s.by)
            };
            let message = w.t(
                format_args!("Hồ sơ đã niêm phong lúc {at}{by}. Lưu thay đổi này sẽ phá niêm phong và được ghi lại trong lịch sử. Vẫn lưu?"),
                format_args!("The dossier was sealed at {at}{by}. Saving this change breaks the seal and is recorded in the history. Save anyway?"),
            );
            let extra = serde_json::json!({"at": s.at, "by": s.by, "broken": s.broken});
            ("sealed", message, extra, None)
        }
    };
    let d = crate::diag::Diagnostic::error(
        "If-Match",
        crate::lang::Text::new(message.clone(), message),
    );
    let mut v = serde_json::json!({
        "status": crate::app::Status::DataProblems as u8,
        "reason": reason,
        "errors": crate::report::diagnostics::json(&[d], lang),
    });
    if !extra.is_null() {
        v[reason] = extra;
    }
    reply::json(
        StatusCode::CONFLICT,
        format!("{}\n", crate::escape::json_pretty(&v)),
        etag,
    )
}
