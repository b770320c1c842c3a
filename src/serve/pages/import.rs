//! The "import the annex" page: upload the city's criteria table (`.docx`, `.xlsx`,
//! `.csv`), see how each row was read — the rule in words, exact, assumed or scored by
//! hand, and why at its cell — correct the maximum or the wording of a row the import was
//! unsure of and read it again, then save it as the dossier's criteria file
//! (`POST /api/v1/dossiers/{id}/import` and `…/import/save`, `serve/import.rs`). The rows
//! are drawn by `assets/import.js` from the account `report::import` gives.

use super::{page, Ctx};
use crate::lang::Lang;
use crate::serve::state::State;
use axum::extract::{Path as Param, RawQuery, State as Shared_};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::html;
use std::sync::Arc;

const JS: &str = include_str!("../assets/import.js");

pub async fn import_js() -> Response {
    super::asset(JS, "text/javascript; charset=utf-8")
}

pub async fn import(
    Shared_(state): Shared_<Arc<State>>,
    Param(id): Param<String>,
    h: HeaderMap,
    RawQuery(q): RawQuery,
) -> Response {
    let ctx = Ctx::new(&state, &h, q.as_deref());
    let Some(entry) = state.dossier(&id) else {
        return super::no_dossier(&ctx, &id);
    };
    let title = match ctx.lang {
        Lang::Vi => format!("Nhập bộ chỉ số từ phụ lục — {}", entry.unit),
        Lang::En => format!("Import the criteria annex — {}", entry.unit),
    };
    let body = html! {
        h1 { (ctx.t("Nhập bộ chỉ số từ phụ lục của thành phố", "Import the city's criteria annex")) }
        p { (ctx.t("Chọn tệp phụ lục (Word .docx, Excel .xlsx hoặc .csv). parscore đọc từng dòng và cho biết đã hiểu cách tính điểm thế nào; dòng nào chưa chắc được đánh dấu để bạn sửa điểm tối đa hoặc cách tính rồi đọc lại. Chưa có gì được ghi cho đến khi bạn bấm \"Lưu vào hồ sơ\".",
                   "Choose the annex file (Word .docx, Excel .xlsx or .csv). parscore reads each row and says how it understood the scoring rule; rows it is unsure of are marked so that you can correct the maximum or the wording and read it again. Nothing is written until you press \"Save to the dossier\".")) }
        form #import-form {
            label for="import-file" { (ctx.t("Tệp phụ lục", "Annex file")) }
            " "
            input #import-file type="file" name="file" accept=".docx,.xlsx,.csv" required;
            " "
            button type="submit" { (ctx.t("Đọc bảng", "Read the table")) }
        }
        p #import-msg role="status" {}
        ul #import-problems .problems hidden {}
        div #import-result hidden {
            p #import-summary {}
            div .scroll {
                table #import-rows {
                    thead { tr {
                        th { (ctx.t("Ô", "Cell")) }
                        th { (ctx.t("Mã", "Code")) }
                        th { (ctx.t("Tên", "Name")) }
                        th { (ctx.t("Điểm tối đa", "Max")) }
                        th { (ctx.t("Kết quả đọc", "Read as")) }
                        th { (ctx.t("Cách tính điểm (như đã hiểu)", "Scoring rule (as understood)")) }
                        th { (ctx.t("Vì sao", "Why")) }
                    } }
                    tbody {}
                }
            }
            form #import-save {
                button #import-reread type="button" { (ctx.t("Đọc lại với các sửa", "Read again with the corrections")) }
                p {
                    label for="import-name" { (ctx.t("Tên tệp bộ chỉ số (trong thư mục hồ sơ)", "Criteria file name (in the dossier's folder)")) }
                    " "
                    input #import-name type="text" name="name" value="bo-chi-so-nhap";
                    " .json"
                }
                p {
                    input #import-point type="checkbox" name="point" value="1";
                    " "
                    label for="import-point" { (ctx.t("Dùng bộ chỉ số này cho hồ sơ (ghi vào dossier.json)", "Use these criteria for the dossier (written in dossier.json)")) }
                }
                button #import-do-save type="submit" { (ctx.t("Lưu vào hồ sơ", "Save to the dossier")) }
            }
        }
        script src="/assets/import.js" defer {}
    };
    page(&ctx, &title, Some((&entry, "import")), body)
}
