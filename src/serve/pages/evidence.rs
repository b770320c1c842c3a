//! The evidence page: what `parscore evidence` reports (the leaves whose documents are
//! missing, with their points at risk and lead units, and the doubtful documents), a form
//! to upload a document into `files/` with its manifest row, seal and verify, and the
//! manifest's documents.

use super::{page, problems_page, pts, Ctx};
use crate::app::{self, Status};
use crate::lang::Lang;
use crate::serve::state::State;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use serde_json::Value;
use std::sync::Arc;

pub async fn evidence(
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
    let entry = &entry;
    let o = app::evidence(
        &entry.dir,
        crate::app::Format::Json,
        lang,
        &mut state.shared(),
        crate::report::table::Width::default(),
    );
    let has_manifest = entry.dir.join(crate::evidence::MANIFEST_FILE).exists();
    if o.status != Status::Ok && has_manifest && !o.diagnostics.is_empty() {
        return problems_page(&ctx, entry, "evidence", &o);
    }
    let v: Value = serde_json::from_str(&o.out).unwrap_or(Value::Null);
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    let p = |v: &Value| {
        v.as_str()
            .and_then(crate::number::parse_decimal)
            .map(|d| pts(d, lang))
            .unwrap_or_default()
    };
    let documents = documents(&entry.dir, state.read);
    let removed = crate::serve::removed::removed(&entry.dir, state.read);
    let title = match lang {
        Lang::Vi => format!(
            "Tài liệu kiểm chứng — {}, năm {}",
            entry.unit,
            entry.year.unwrap_or_default()
        ),
        Lang::En => format!(
            "Evidence — {}, {}",
            entry.unit,
            entry.year.unwrap_or_default()
        ),
    };
    let body = html! {
        h1 { (title) }
        @if v.is_object() {
            div.cards {
                div.card.main { div.label { (ctx.t("Nguy cơ bị trừ", "Points at risk")) } div.value #at-risk { (p(&v["at_risk"])) } }
                div.card { div.label { (ctx.t("Tổng điểm chặt", "Strict points")) } div.value { (p(&v["strict_total"])) } }
                div.card { div.label { (ctx.t("Văn bản trong manifest.csv", "Documents in manifest.csv")) } div.value #documents { (v["documents"]) } }
            }
        } @else {
            p { (ctx.t("Hồ sơ chưa có manifest.csv: tải lên văn bản đầu tiên để tạo.", "The dossier has no manifest.csv yet: upload the first document to create it.")) }
        }
        div.columns {
            section.checklist {
                h2 { (ctx.t("Còn thiếu", "Missing")) }
                div.scroll { table #missing {
                    thead { tr {
                        th scope="col" { (ctx.t("Mã", "Code")) }
                        th scope="col" { (ctx.t("Tài liệu cần có", "Evidence needed")) }
                        th scope="col" .num { (ctx.t("Điểm", "Points")) }
                        th scope="col" { (ctx.t("Đơn vị chủ trì", "Lead unit")) }
                        th scope="col" { span.sr { (ctx.t("Tải lên", "Upload")) } }
                    } }
                    tbody {
                        @for m in v["missing"].as_array().into_iter().flatten() {
                            // A document already listed for the leaf whose file is missing:
                            // attaching its file is the fix, not a second document.
                            @let listed = documents.iter().find(|d| !d.present && cites(&d.criteria, &s(&m["code"])));
                            tr data-code=(s(&m["code"])) {
                                td { (s(&m["code"])) }
                                td {
                                    div.small { (s(&m["name"])) } (s(&m["what"]))
                                    @if let Some(d) = listed {
                                        div.small.bad { (d.id) @if !d.number.is_empty() { " (" (d.number) ")" } (ctx.t(" đã có trong danh mục nhưng thiếu tệp", " is listed but its file is missing")) }
                                    }
                                }
                                td.num { (p(&m["points"])) }
                                td { (s(&m["lead"])) }
                                td {
                                    @if let Some(d) = listed {
                                        a.button.attach-listed href={ "#doc-" (super::sheet::dom_id(&d.id)) } { (ctx.t("Đính kèm tệp cho ", "Attach the file of ")) (d.id) }
                                    } @else {
                                        button.offer type="button" data-code=(s(&m["code"])) data-what=(s(&m["what"])) { (ctx.t("Tải lên", "Upload")) }
                                    }
                                }
                            }
                        }
                    }
                } }
                h2 { (ctx.t("Văn bản đáng ngờ", "Doubtful documents")) }
                div.scroll { table #doubtful {
                    thead { tr {
                        th scope="col" { (ctx.t("Mã", "Code")) }
                        th scope="col" { (ctx.t("Vấn đề", "Problem")) }
                        th scope="col" .num { (ctx.t("Điểm", "Points")) }
                        th scope="col" { (ctx.t("Đơn vị chủ trì", "Lead unit")) }
                    } }
                    tbody {
                        @for m in v["problems"].as_array().into_iter().flatten() {
                            tr {
                                td { (s(&m["code"])) }
                                td { (crate::serve::reply::in_dossier(&entry.dir, &s(&m["message"]))) }
                                td.num { (p(&m["points"])) }
                                td { (s(&m["lead"])) }
                            }
                        }
                    }
                } }
            }
            section.upload {
                h2 { (ctx.t("Thêm văn bản", "Add a document")) }
                form #upload enctype="multipart/form-data" {
                    div #drop .drop {
                        label for="file" { (ctx.t("Kéo thả tệp vào đây, hoặc chọn tệp:", "Drop the file here, or choose it:")) }
                        input #file type="file" name="file" required;
                    }
                    label for="u-criteria" { (ctx.t("Tiêu chí (mã, cách nhau bởi ;)", "Criteria (codes, separated by ;)")) }
                    input #u-criteria type="text" name="criteria" required placeholder="1.3.2";
                    label for="u-title" { (ctx.t("Trích yếu", "Title")) }
                    input #u-title type="text" name="title" required;
                    div.pair {
                        div { label for="u-number" { (ctx.t("Số, ký hiệu", "Number")) } input #u-number type="text" name="number" placeholder="12/KH-BQL"; }
                        div { label for="u-date" { (ctx.t("Ngày ban hành", "Date")) } input #u-date type="date" name="date"; }
                    }
                    label for="u-issuer" { (ctx.t("Cơ quan ban hành", "Issuer")) }
                    input #u-issuer type="text" name="issuer" value=(entry.unit);
                    button.primary type="submit" { (ctx.t("Tải lên và ghi vào manifest.csv", "Upload and add to manifest.csv")) }
                    div #upload-msg role="alert" {}
                }
                h2 { (ctx.t("Niêm phong", "Seal")) }
                p.small { (ctx.t("Ghi mã SHA-256 của mọi văn bản; kiểm tra cho biết tệp nào bị sửa, xóa, thêm sau đó.", "Records every document's SHA-256; verify tells which files were changed, deleted or added since.")) }
                button #seal type="button" { (ctx.t("Niêm phong", "Seal")) }
                " "
                button #verify type="button" { (ctx.t("Kiểm tra niêm phong", "Verify the seal")) }
                pre #seal-result .words hidden {}
            }
        }
        h2 { (ctx.t("Văn bản trong manifest.csv", "Documents in manifest.csv")) }
        p.hint { (ctx.t("Mở văn bản để xem; «Sửa» để chữa số, ngày, cơ quan, trích yếu, tiêu chí; «Đính kèm tệp» cho văn bản thiếu tệp hoặc thay tệp sai; «Gỡ khỏi hồ sơ» chuyển tệp vào files/.removed/ và ghi vào manifest-removed.csv — không xóa, khôi phục được ở cuối trang.",
                        "Open a document to see it; «Edit» corrects its number, date, issuer, title, criteria; «Attach a file» for a document whose file is missing, or to replace a wrong one; «Take out» moves the file to files/.removed/ and the row to manifest-removed.csv — nothing is deleted, and it can be restored at the bottom of the page.")) }
        div.scroll { table #manifest .docs {
            thead { tr {
                th scope="col" { "id" } th scope="col" { (ctx.t("Tệp", "File")) } th scope="col" { (ctx.t("Số", "Number")) }
                th scope="col" { (ctx.t("Ngày", "Date")) } th scope="col" { (ctx.t("Trích yếu", "Title")) } th scope="col" { (ctx.t("Tiêu chí", "Criteria")) }
                th scope="col" { (ctx.t("Thao tác", "Actions")) }
            } }
            tbody {
                @for d in documents.iter().rev() {
                    @let did = super::sheet::dom_id(&d.id);
                    tr id={ "doc-" (did) } data-doc=(d.id) class=(if d.present { "" } else { "missing-file" }) {
                        td { (d.id) }
                        td {
                            @if d.present {
                                a href={ "/d/" (entry.id) "/files/" (d.id) } target="_blank" rel="noopener" { (d.file) }
                            } @else {
                                span.bad { (d.file) } br; span.small.bad { (ctx.t("không có tệp trong files/", "no such file in files/")) }
                            }
                        }
                        td { (d.number) } td { (d.date) } td { (d.title) } td { (d.criteria) }
                        td.actions {
                            details.edit {
                                summary { (ctx.t("Sửa", "Edit")) }
                                form.doc-edit data-doc=(d.id) {
                                    label { (ctx.t("Số, ký hiệu", "Number")) input type="text" name="number" value=(d.number); }
                                    label { (ctx.t("Ngày ban hành", "Date")) input type="date" name="date" value=(d.date_iso); }
                                    label { (ctx.t("Cơ quan ban hành", "Issuer")) input type="text" name="issuer" value=(d.issuer); }
                                    label { (ctx.t("Trích yếu", "Title")) input type="text" name="title" required value=(d.title); }
                                    label { (ctx.t("Tiêu chí", "Criteria")) input type="text" name="criteria" required value=(d.criteria.replace("; ", ";")); }
                                    button type="submit" { (ctx.t("Lưu", "Save")) }
                                }
                            }
                            details.attach open[!d.present] {
                                summary { @if d.present { (ctx.t("Thay tệp", "Replace the file")) } @else { (ctx.t("Đính kèm tệp", "Attach a file")) } }
                                form.doc-file data-doc=(d.id) enctype="multipart/form-data" {
                                    label.sr for={ "f-" (did) } { (ctx.t("Tệp cho ", "File for ")) (d.id) }
                                    input type="file" id={ "f-" (did) } name="file" required;
                                    button type="submit" { (ctx.t("Tải lên", "Upload")) }
                                }
                            }
                            button.remove type="button" data-doc=(d.id) { (ctx.t("Gỡ khỏi hồ sơ", "Take out")) }
                            div.msg role="alert" {}
                        }
                    }
                }
            }
        } }
        @if !removed.is_empty() {
            h2 { (ctx.t("Văn bản đã gỡ khỏi hồ sơ", "Documents taken out")) }
            div.scroll { table #removed {
                thead { tr {
                    th scope="col" { "id" } th scope="col" { (ctx.t("Tệp", "File")) } th scope="col" { (ctx.t("Trích yếu", "Title")) }
                    th scope="col" { (ctx.t("Ngày gỡ", "Taken out on")) } th scope="col" { span.sr { (ctx.t("Khôi phục", "Restore")) } }
                } }
                tbody {
                    @for r in removed.iter().rev() {
                        tr data-doc=(r.id) {
                            td { (r.id) } td { (r.file) } td { (r.title) } td { (r.removed_on) }
                            td { button.restore type="button" data-doc=(r.id) { (ctx.t("Khôi phục", "Restore")) } div.msg role="alert" {} }
                        }
                    }
                }
            } }
        }
    };
    page(&ctx, &title, Some((entry, "evidence")), body)
}

/// A manifest row as the page shows it.
struct Row {
    id: String,
    file: String,
    number: String,
    date: String,
    date_iso: String,
    issuer: String,
    title: String,
    criteria: String,
    /// Whether its file is in `files/`.
    present: bool,
}

/// The manifest's rows, as read by the commands.
fn documents(dir: &std::path::Path, read: crate::input::ReadOptions) -> Vec<Row> {
    let mut diags = crate::diag::Diagnostics::default();
    let files = dir.join(crate::evidence::FILES_DIR);
    match crate::evidence::read_manifest(dir, &mut diags, read) {
        Ok(Some(m)) => m
            .documents
            .iter()
            .map(|d| {
                let links: Vec<String> = d.links.iter().map(|l| l.written.clone()).collect();
                let present = match crate::evidence::paths::resolve(&files, &d.file) {
                    Ok(crate::evidence::paths::Located::Found { path, .. }) => {
                        path.symlink_metadata().is_ok_and(|m| m.is_file())
                    }
                    _ => false,
                };
                Row {
                    id: d.id.clone(),
                    file: d.file.clone(),
                    number: d.number.clone(),
                    date: d.date_text.clone(),
                    date_iso: d.date.map(crate::value::iso_date).unwrap_or_default(),
                    issuer: d.issuer.clone(),
                    title: d.title.clone(),
                    criteria: links.join("; "),
                    present,
                }
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a document's criteria (`4.2.2; 1.3.2#1`, as the page lists them) cite leaf
/// `code`, an item of it included.
fn cites(criteria: &str, code: &str) -> bool {
    criteria
        .split(';')
        .map(|c| c.trim().split('#').next().unwrap_or(""))
        .any(|c| c == code)
}
