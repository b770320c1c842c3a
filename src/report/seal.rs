//! What `seal` and `verify` tell the user.

use super::words::Words;
use crate::evidence::seal::{Seal, Sealed};
use crate::evidence::verify::Verified;
use crate::lang::Lang;
use std::path::Path;

/// `1234567` → `1,2 MB` (decimal units, comma for Vietnamese).
fn size(bytes: u64, lang: Lang) -> String {
    let (value, unit) = match bytes {
        b if b >= 1_000_000_000 => (b as f64 / 1e9, "GB"),
        b if b >= 1_000_000 => (b as f64 / 1e6, "MB"),
        b if b >= 1_000 => (b as f64 / 1e3, "kB"),
        b => return format!("{b} B"),
    };
    crate::number::with_decimal_mark(format!("{value:.1} {unit}"), lang)
}

pub fn when(sealed_at: &str) -> String {
    // 2026-11-28T18:30:05+07:00 → 18:30 28/11/2026
    let (date, time) = sealed_at.split_once('T').unwrap_or((sealed_at, ""));
    let hm = time.get(..5).unwrap_or("");
    match crate::value::parse_date(date) {
        Some(d) => format!("{hm} {}", crate::value::show_date(d))
            .trim()
            .to_string(),
        None => sealed_at.to_string(),
    }
}

pub fn sealed(dir: &Path, s: &Sealed, lang: Lang) -> String {
    let mut out = sealed_now(dir, s, lang);
    if let Some(r) = &s.replaced {
        let at = when(&r.sealed_at);
        let lists = [(&r.changed, 0), (&r.missing, 1), (&r.added, 2)];
        let count = r.changed.len() + r.missing.len() + r.added.len();
        let w = Words(lang);
        out.push_str(&match count {
            0 => w.t(
                format_args!("Lần niêm phong trước (lúc {at}) đã được thay thế; không có tệp nào thay đổi kể từ đó.\n"),
                format_args!("The earlier seal (of {at}) was replaced; no file had changed since.\n"),
            ),
            n => {
                let changes = super::evidence::plural(n, "change", "changes");
                w.t(
                    format_args!("Lần niêm phong trước (lúc {at}) đã được thay thế; {n} thay đổi kể từ đó:\n"),
                    format_args!("The earlier seal (of {at}) was replaced; {n} {changes} since:\n"),
                )
            }
        });
        for (list, group) in lists {
            for path in list {
                out.push_str(&format!("  {}: {path}\n", change_word(group, lang)));
            }
        }
    }
    out
}

/// The words `verify` and `seal` use for a changed (0), deleted (1) and added (2) file.
fn change_word(group: usize, lang: Lang) -> &'static str {
    let w = Words(lang);
    match group {
        0 => w.pick("đã sửa", "changed"),
        1 => w.pick("đã xóa hoặc không còn", "deleted or missing"),
        _ => w.pick("thêm mới", "added"),
    }
}

fn sealed_now(dir: &Path, s: &Sealed, lang: Lang) -> String {
    let files = s.seal.files.len();
    let docs = s
        .seal
        .files
        .iter()
        .filter(|f| f.role == crate::evidence::seal::Role::Evidence)
        .count();
    let bytes: u64 = s.seal.files.iter().map(|f| f.bytes).sum();
    let (total, rows, at) = (size(bytes, lang), s.updated_rows, when(&s.seal.sealed_at));
    let name = crate::dossier::folder_name(dir);
    let name = name.get(lang);
    let d = command_path(dir);
    Words(lang).t(
        format_args!(
            "Đã niêm phong hồ sơ {name} lúc {at}: {files} tệp ({docs} tài liệu kiểm chứng), {total}.\n\
             Mã SHA-256 đã ghi vào manifest.csv ({rows} dòng cập nhật) và seal.json.\n\
             Kiểm tra lại bất cứ lúc nào bằng: parscore verify {d}\n"
        ),
        format_args!(
            "Sealed dossier {name} at {at}: {files} files ({docs} evidence documents), {total}.\n\
             SHA-256 hashes written to manifest.csv ({rows} rows updated) and seal.json.\n\
             Check it at any time with: parscore verify {d}\n"
        ),
    )
}

/// What standard error says after a seal: files sealed although no manifest row lists them,
/// and sealed files with other names (hard links).
pub fn warnings(s: &Sealed, lang: Lang) -> String {
    let w = Words(lang);
    let mut out = String::new();
    if !s.unlisted.is_empty() {
        let list = s.unlisted.join(", ");
        out.push_str(&w.t(
            format_args!("cảnh báo: các tệp sau không có dòng nào trong manifest.csv nhưng vẫn được niêm phong (là tệp ngoài danh mục): {list}\n"),
            format_args!("warning: these files have no row in manifest.csv and are sealed anyway (role \"unlisted\"): {list}\n"),
        ));
    }
    if !s.hard_linked.is_empty() {
        let list = s.hard_linked.join(", ");
        out.push_str(&w.t(
            format_args!("cảnh báo: các tệp sau còn có tên khác (liên kết cứng), có thể ở ngoài hồ sơ; sửa qua tên kia là sửa cả tài liệu đã niêm phong (verify sẽ phát hiện): {list}\n"),
            format_args!("warning: these files have other names (hard links), possibly outside the dossier; a change through the other name changes the sealed document (verify will notice): {list}\n"),
        ));
    }
    out
}

/// The folder as typed after a command: `.` for the current folder.
fn command_path(dir: &Path) -> String {
    match crate::fsio::shown(dir) {
        s if s.is_empty() => ".".into(),
        s => s,
    }
}

pub fn verified(dir: &Path, seal: &Seal, v: &Verified, lang: Lang) -> String {
    let name = crate::dossier::folder_name(dir);
    let d = name.get(lang);
    let at = when(&seal.sealed_at);
    let (n, total) = (v.checked, size(v.bytes, lang));
    let w = Words(lang);
    if v.intact() {
        let mut out = w.t(
            format_args!("Hồ sơ {d} còn nguyên vẹn: {n} tệp ({total}) khớp niêm phong lúc {at}.\n"),
            format_args!("Dossier {d} is intact: {n} files ({total}) match the seal of {at}.\n"),
        );
        out.push_str(&since(v, lang));
        return out;
    }
    let mut out = w.t(
        format_args!("Hồ sơ {d} ĐÃ THAY ĐỔI so với niêm phong lúc {at}:\n"),
        format_args!("Dossier {d} HAS CHANGED since the seal of {at}:\n"),
    );
    if v.half_finished {
        out.push_str(w.pick(
            "  lần niêm phong lúc đó bị ngắt giữa chừng: seal.json đã ghi nhưng manifest.csv chưa được cập nhật; chạy lại parscore seal\n",
            "  that seal was interrupted half-way: seal.json was written but manifest.csv was not updated; run parscore seal again\n",
        ));
    }
    let groups: [(&Vec<String>, &str, &str); 4] = [
        (&v.changed, "đã sửa", "changed"),
        (&v.missing, "đã xóa hoặc không còn", "deleted or missing"),
        (
            &v.added,
            "thêm mới, chưa được niêm phong",
            "added, not sealed",
        ),
        (
            &v.refused,
            "đường dẫn trong seal.json bị từ chối",
            "path in seal.json refused",
        ),
    ];
    for (list, vi, en) in groups {
        for path in list {
            let what = w.pick(vi, en);
            out.push_str(&format!("  {what}: {path}\n"));
        }
    }
    let problems = v.changed.len() + v.missing.len() + v.added.len() + v.refused.len();
    let changes = super::evidence::plural(problems, "change", "changes");
    out.push_str(&w.t(
        format_args!("{problems} thay đổi; {n} tệp đã kiểm tra ({total}).\n"),
        format_args!("{problems} {changes}; {n} files checked ({total}).\n"),
    ));
    out.push_str(&since(v, lang));
    out
}

/// What the history recorded since the seal: who broke it and when, then each change.
fn since(v: &Verified, lang: Lang) -> String {
    use crate::history::Kind;
    if v.since.is_empty() {
        return String::new();
    }
    let w = Words(lang);
    let changes: std::collections::BTreeSet<u64> = v.since.iter().map(|e| e.change).collect();
    let n = changes.len();
    let mut out = w.t(
        format_args!("Lịch sử (history.csv) ghi {n} thay đổi sau niêm phong:\n"),
        format_args!("The history (history.csv) records {n} change(s) since the seal:\n"),
    );
    let nobody = w.pick("ngoài ứng dụng", "outside the app");
    for e in v.since.iter().take(40) {
        let at = when(&e.when);
        let who = if e.who.is_empty() {
            nobody
        } else {
            e.who.as_str()
        };
        let c = e.change;
        if e.kind == Kind::BreakSeal {
            out.push_str(&w.t(
                format_args!("  #{c} PHÁ NIÊM PHONG lúc {at}, do {who} xác nhận\n"),
                format_args!("  #{c} BROKE THE SEAL at {at}, confirmed by {who}\n"),
            ));
            continue;
        }
        let (file, key, column) = (&e.file, &e.key, &e.column);
        let (old, new) = (e.old.trim(), e.new.trim());
        let kind = match &e.kind {
            Kind::Undo(m) => w.t(
                format_args!(" (hoàn tác #{m})"),
                format_args!(" (undoing #{m})"),
            ),
            Kind::Disk => w
                .pick(" (sửa ngoài ứng dụng)", " (changed outside the app)")
                .to_string(),
            _ => String::new(),
        };
        out.push_str(&format!(
            "  #{c} {at}, {who}{kind}: {file} {key} {column}: \"{old}\" → \"{new}\"\n"
        ));
    }
    if v.since.len() > 40 {
        let more = v.since.len() - 40;
        out.push_str(&w.t(
            format_args!("  … và {more} dòng nữa trong history.csv\n"),
            format_args!("  … and {more} more lines in history.csv\n"),
        ));
    }
    out
}
