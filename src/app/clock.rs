//! The time a command stamps on what it writes (the report's footer, a Word document's
//! properties): `SOURCE_DATE_EPOCH` when set, for output that is the same byte for byte
//! when made again, else now.

use super::Outcome;
use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::text;

/// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when given, else now.
pub(super) fn generation_time(
    epoch: Option<&str>,
    lang: Lang,
) -> Result<time::OffsetDateTime, Outcome> {
    let Some(raw) = epoch else {
        return Ok(time::OffsetDateTime::now_utc());
    };
    raw.trim()
        .parse::<i64>()
        .ok()
        .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
        .ok_or_else(|| {
            let d = Diagnostic::error(
                "SOURCE_DATE_EPOCH",
                text!(
                    vi: "\"{raw}\" không phải số giây kể từ 01/01/1970 (ví dụ 1768465800); bỏ biến này để dùng giờ hiện tại",
                    en: "\"{raw}\" is not a number of seconds since 1970-01-01 (e.g. 1768465800); unset it to use the current time"
                ),
            );
            Outcome::fatal(d.into(), lang)
        })
}
