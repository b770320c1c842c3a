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
                div.card { div.label { (ctx.t("Điểm chặt", "Strict total")) } div.value { (p(&v["strict_total"])) } }
                div.card { div.label { (ctx.t("Văn bản trong manifest.csv", "Documents in manifest.csv")) } div.value #documents { (v["documents"]) } }
            }
        } @else {
            p { (ctx.t("Hồ sơ chưa có manifest.csv: tải lên văn bản đầu tiên để tạo.", "The dossier has no manifest.csv yet: upload the first document to create it.")) }
        }
        div.columns {
            section.checklist {
                h2 { (ctx.t("Còn thiếu", "Missing")) }
                table #missing {
                    thead { tr {
                        th scope="col" { (ctx.t("Mã", "Code")) }
                        th scope="col" { (ctx.t("Tài liệu cần có", "Evidence needed")) }
                        th scope="col" .num { (ctx.t("Điểm", "Points")) }
                        th scope="col" { (ctx.t("Đơn vị chủ trì", "Lead unit")) }
                    } }
                    tbody {
                        @for m in v["missing"].as_array().into_iter().flatten() {
                            tr data-code=(s(&m["code"])) {
                                td { (s(&m["code"])) }
                                td { div.small { (s(&m["name"])) } (s(&m["what"])) }
                                td.num { (p(&m["points"])) }
                                td { (s(&m["lead"])) }
                            }
                        }
                    }
                }
                h2 { (ctx.t("Văn bản đáng ngờ", "Doubtful documents")) }
                table #doubtful {
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
                                td { (s(&m["message"])) }
                                td.num { (p(&m["points"])) }
                                td { (s(&m["lead"])) }
                            }
                        }
                    }
                }
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
                pre #seal-result hidden {}
            }
        }
        h2 { (ctx.t("Văn bản trong manifest.csv", "Documents in manifest.csv")) }
        table #manifest {
            thead { tr {
                th scope="col" { "id" } th scope="col" { (ctx.t("Tệp", "File")) } th scope="col" { (ctx.t("Số", "Number")) }
                th scope="col" { (ctx.t("Ngày", "Date")) } th scope="col" { (ctx.t("Trích yếu", "Title")) } th scope="col" { (ctx.t("Tiêu chí", "Criteria")) }
            } }
            tbody {
                @for d in documents.iter().rev() {
                    tr { td { (d[0]) } td { (d[1]) } td { (d[2]) } td { (d[3]) } td { (d[4]) } td { (d[5]) } }
                }
            }
        }
    };
    page(&ctx, &title, Some((entry, "evidence")), body)
}

/// The manifest's rows (id, file, number, date, title, criteria), as read by the commands.
fn documents(dir: &std::path::Path, read: crate::input::ReadOptions) -> Vec<[String; 6]> {
    let mut diags = crate::diag::Diagnostics::default();
    match crate::evidence::read_manifest(dir, &mut diags, read) {
        Ok(Some(m)) => m
            .documents
            .iter()
            .map(|d| {
                let links: Vec<String> = d.links.iter().map(|l| l.written.clone()).collect();
                [
                    d.id.clone(),
                    d.file.clone(),
                    d.number.clone(),
                    d.date_text.clone(),
                    d.title.clone(),
                    links.join("; "),
                ]
            })
            .collect(),
        _ => Vec::new(),
    }
}
