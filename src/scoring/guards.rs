//! Values that score without error but probably not as meant: a rate typed as a fraction
//! of 1 (`0,925` for 92,5 %), and a deadline date from another year or after the
//! assessment date. Each is a warning that names what was read and what may have been meant.

use crate::criteria::{Node, RuleKind};
use crate::dossier::Settings;
use crate::lang::{Lang, Text};
use crate::number::show_exact;
use crate::text;
use crate::value::{parse_date, parse_percent, show_date};
use rust_decimal::Decimal;

/// The warnings a declared value raises under its leaf's rule.
pub fn value_warnings(n: &Node, value: &str, settings: &Settings) -> Vec<Text> {
    let Some(rule) = n.rule() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match &rule.kind {
        RuleKind::Bands(_) | RuleKind::Ratio => {
            let plain = !value.contains('%') && !value.contains('/');
            if let Some(pct) = parse_percent(value).filter(|_| plain) {
                if pct > Decimal::ZERO && pct <= Decimal::ONE {
                    let (as_is, times) = (
                        show_exact(pct, Lang::Vi),
                        show_exact(pct * Decimal::ONE_HUNDRED, Lang::Vi),
                    );
                    let (as_is_en, times_en) = (
                        show_exact(pct, Lang::En),
                        show_exact(pct * Decimal::ONE_HUNDRED, Lang::En),
                    );
                    out.push(text!(
                        vi: "tỷ lệ \"{value}\" được đọc là {as_is} %, có thể ý là {times} %; nếu là {times} % thì ghi {times} (giá trị ở đây là phần trăm 0..100, không phải phần của 1)",
                        en: "the rate \"{value}\" is read as {as_is_en} %, perhaps {times_en} % was meant; if so, write {times_en} (values here are percentages 0..100, not fractions of 1)"
                    ));
                }
            }
        }
        RuleKind::Deadline { .. } => {
            if let Some(date) = parse_date(value) {
                let (shown, year) = (show_date(date), settings.year);
                if date.year() < year {
                    out.push(text!(
                        vi: "ngày ban hành {shown} trước năm đánh giá {year} (ngày của năm trước còn sót lại?)",
                        en: "issue date {shown} is before the assessment year {year} (left over from last year?)"
                    ));
                }
                if date > settings.as_of {
                    let as_of = show_date(settings.as_of);
                    out.push(text!(
                        vi: "ngày ban hành {shown} sau ngày đánh giá {as_of} của năm {year}: văn bản chưa thể có vào ngày đó",
                        en: "issue date {shown} is after the assessment date {as_of} of {year}: the document cannot exist yet"
                    ));
                }
            }
        }
        _ => {}
    }
    out
}
