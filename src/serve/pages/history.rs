//! The history page: every change recorded in the dossier's `history.csv`, newest first
//! (one row's changes with `?file=scores.csv&key=1.1.2`), who made it and when, the old
//! and the new value, and «Hoàn tác» (undo), which writes the old value back as a new
//! change (`POST /api/v1/dossiers/{id}/history/{n}/undo`).

use super::{page, Ctx};
use crate::history::{self, Kind};
use crate::lang::Lang;
use crate::serve::state::State;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use std::sync::Arc;

pub async fn history(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::new(&state, &h, q.as_deref());
    let lang = ctx.lang;
    let Some(entry) = state.dossier(&id) else {
        return super::no_dossier(&ctx, &id);
    };
    state.known.look(&entry.dir, state.read);
    let file = crate::serve::security::query_value(q.as_deref(), "file");
    let key = crate::serve::security::query_value(q.as_deref(), "key");
    let entries = history::read(&entry.dir, state.read.caps).unwrap_or_default();
    let undone: Vec<u64> = entries
        .iter()
        .filter_map(|e| match e.kind {
            Kind::Undo(n) => Some(n),
            _ => None,
        })
        .collect();
    // A change that touched a table can be undone; a seal broken by a change of
    // `dossier.json` alone is recorded on its own line, with nothing to undo.
    let undoable: Vec<u64> = entries
        .iter()
        .filter(|e| !matches!(e.kind, Kind::BreakSeal | Kind::Seal))
        .filter(|e| crate::serve::edit::TableFile::from_name(&e.file).is_some())
        .map(|e| e.change)
        .collect();
    // Newest change first, the lines of one change in the order they were written.
    let mut shown: Vec<_> = entries
        .iter()
        .filter(|e| file.as_deref().is_none_or(|f| e.file == f))
        .filter(|e| key.as_deref().is_none_or(|k| e.key == k))
        .collect();
    shown.sort_by_key(|e| std::cmp::Reverse(e.change));
    let title = match (lang, &key) {
        (Lang::Vi, Some(k)) => format!("Lịch sử thay đổi — {k}"),
        (Lang::En, Some(k)) => format!("History of changes — {k}"),
        (Lang::Vi, None) => format!("Lịch sử thay đổi — {}", entry.unit),
        (Lang::En, None) => format!("History of changes — {}", entry.unit),
    };
    let nobody = ctx.t("ngoài ứng dụng", "outside the app");
    let body = html! {
        h1 { (title) }
        p.hint { (ctx.t("Mọi thay đổi của scores.csv, plan.csv và manifest.csv được ghi vào history.csv của hồ sơ (chỉ thêm, không bao giờ xóa). «Hoàn tác» ghi lại giá trị cũ thành một thay đổi mới.",
                        "Every change of scores.csv, plan.csv and manifest.csv is recorded in the dossier's history.csv (only ever added to). «Undo» writes the old value back as a new change.")) }
        @if key.is_some() {
            p { a href={ "/d/" (entry.id) "/history" } { (ctx.t("Xem toàn bộ lịch sử của hồ sơ", "See the whole dossier's history")) } }
        }
        @if shown.is_empty() {
            p #no-history { (ctx.t("Chưa có thay đổi nào được ghi.", "No change recorded yet.")) }
        } @else {
            table.history #history {
                thead { tr {
                    th scope="col" { "#" }
                    th scope="col" { (ctx.t("Lúc", "When")) }
                    th scope="col" { (ctx.t("Người sửa", "Who")) }
                    th scope="col" { (ctx.t("Tệp, dòng, cột", "File, row, column")) }
                    th scope="col" { (ctx.t("Cũ", "Old")) }
                    th scope="col" { (ctx.t("Mới", "New")) }
                    th scope="col" { span.sr { (ctx.t("Hoàn tác", "Undo")) } }
                } }
                tbody {
                    @for (i, e) in shown.iter().enumerate() {
                        @let first = i == 0 || shown[i - 1].change != e.change;
                        // The undo sits on the change's own first line, not on the seal
                        // break recorded before it.
                        @let first_cell = e.kind != Kind::BreakSeal
                            && shown[..i].iter().rev().take_while(|p| p.change == e.change).all(|p| p.kind == Kind::BreakSeal);
                        tr class=(if e.kind == Kind::BreakSeal { "break-seal" } else { "" }) data-change=(e.change) {
                            td { @if first { (e.change) } }
                            td.when { (crate::report::seal::when(&e.when)) }
                            td { (if e.who.is_empty() { nobody } else { e.who.as_str() }) }
                            td {
                                @match &e.kind {
                                    Kind::BreakSeal => { strong { (ctx.t("Phá niêm phong", "Seal broken")) } }
                                    Kind::Seal => { strong { (ctx.t("Niêm phong", "Sealed")) } }
                                    _ => {
                                        (place(&ctx, e))
                                        @if e.kind == Kind::Disk { div.small { (ctx.t("sửa ngoài ứng dụng", "changed outside the app")) } }
                                        @if let Kind::Undo(n) = e.kind { div.small { (ctx.t("hoàn tác thay đổi #", "undoing change #")) (n) } }
                                    }
                                }
                            }
                            td.old {
                                // The seal's time, as the notice above the page writes it.
                                @if e.kind == Kind::BreakSeal { (crate::report::seal::when(&e.old)) } @else { (shown_value(lang, &e.old)) }
                            }
                            td.new { @if e.kind == Kind::Seal { (crate::report::seal::when(&e.new)) } @else { (shown_value(lang, &e.new)) } }
                            td {
                                @if first_cell && undoable.contains(&e.change) {
                                    @if undone.contains(&e.change) {
                                        span.small { (ctx.t("đã hoàn tác", "undone")) }
                                    } @else {
                                        button.undo type="button" data-change=(e.change) { (ctx.t("Hoàn tác", "Undo")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            div #undo-msg .small role="alert" {}
        }
    };
    page(&ctx, &title, Some((&entry, "history")), body)
}

/// Where a change was, in the clerk's words: the table, the row, the column
/// ("Phiếu chấm · tiêu chí 1.1.2 · Kê khai"), the file's name beside it, small.
fn place(ctx: &Ctx, e: &crate::history::Entry) -> maud::Markup {
    let table = match e.file.as_str() {
        "scores.csv" => ctx.t("Phiếu chấm", "Score sheet"),
        "plan.csv" => ctx.t("Kế hoạch", "Plan"),
        "manifest.csv" => ctx.t("Danh mục tài liệu", "Document list"),
        _ => "",
    };
    let row = match (e.file.as_str(), e.key.is_empty()) {
        (_, true) => ctx.t("dòng tiêu đề", "header row").to_string(),
        ("scores.csv", _) => format!("{}{}", ctx.t("tiêu chí ", "leaf "), e.key),
        ("plan.csv", _) => format!("{}{}", ctx.t("nhiệm vụ ", "task "), e.key),
        _ => e.key.clone(),
    };
    let column = column_words(ctx, &e.column);
    html! {
        @if !table.is_empty() { (table) " · " }
        (row)
        @if !column.is_empty() { " · " (column) }
        " " span.small { "(" (e.file) @if !e.column.is_empty() { ", " (e.column) } ")" }
    }
}

/// A column of the three tables as the pages label it.
fn column_words<'a>(ctx: &Ctx, column: &'a str) -> &'a str {
    let (vi, en) = match column {
        "value" => ("Kê khai", "Declared"),
        "note" => ("Ghi chú", "Note"),
        "explanation" => ("Giải trình của đơn vị", "The unit's explanation"),
        "appraised" => ("Điểm thẩm định", "Appraised points"),
        "appraisal_note" => ("Ý kiến Hội đồng", "The council's reason"),
        "answer" => ("Giải trình với Hội đồng", "The unit's answer"),
        "status" => ("Tình trạng", "Status"),
        "done_on" => ("Ngày hoàn thành", "Done on"),
        "file" => ("Tệp", "File"),
        "sha256" => ("Mã kiểm tra của tệp", "File checksum"),
        "number" => ("Số, ký hiệu", "Number"),
        "date" => ("Ngày ban hành", "Date"),
        "issuer" => ("Cơ quan ban hành", "Issuer"),
        "title" => ("Trích yếu", "Title"),
        "criteria" => ("Tiêu chí", "Criteria"),
        "pages" => ("Trang", "Pages"),
        _ => return column,
    };
    ctx.t(vi, en)
}

/// A recorded value as a person reads it: a decimal written `1.5` in the file reads
/// `1,5` (as every page writes points); anything else as written.
fn shown_value(lang: Lang, v: &str) -> String {
    let v = v.trim();
    let decimal = v.split_once('.').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    });
    match lang {
        Lang::Vi if decimal => v.replacen('.', ",", 1),
        _ => v.to_string(),
    }
}
