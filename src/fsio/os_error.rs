//! The operating system's reasons, said in the user's language. `io::Error`'s own text is
//! English ("No such file or directory (os error 2)"); a Vietnamese message names the
//! reason in Vietnamese and what to do about it, and keeps only the error number, so that
//! nothing in English reaches a reader of Vietnamese.

use crate::lang::Text;
use crate::text;
use std::io::ErrorKind;

/// Why a read or a write failed, in both languages.
pub fn os_reason(e: &std::io::Error) -> Text {
    if super::is_busy(e) {
        return text!(
            vi: "tệp đang mở trong chương trình khác (Excel?); đóng tệp rồi thử lại",
            en: "the file is open in another program (Excel?); close it and try again"
        );
    }
    let en = e.to_string();
    let vi = match e.kind() {
        ErrorKind::NotFound => "không có tệp hoặc thư mục này".to_string(),
        ErrorKind::PermissionDenied => {
            "không có quyền truy cập; hỏi người quản trị máy hoặc chọn thư mục khác".to_string()
        }
        ErrorKind::AlreadyExists => "đã có tệp hoặc thư mục trùng tên".to_string(),
        ErrorKind::IsADirectory => "đây là một thư mục, cần một tệp".to_string(),
        ErrorKind::NotADirectory => "một phần của đường dẫn là tệp, không phải thư mục".to_string(),
        ErrorKind::DirectoryNotEmpty => "thư mục không trống".to_string(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            "ổ đĩa đã đầy; giải phóng chỗ trống rồi chạy lại".to_string()
        }
        ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc, không ghi được".to_string(),
        ErrorKind::FileTooLarge => "tệp quá lớn".to_string(),
        ErrorKind::InvalidData => "dữ liệu trong tệp không đọc được".to_string(),
        ErrorKind::InvalidFilename | ErrorKind::InvalidInput => {
            "tên tệp hoặc đường dẫn không hợp lệ".to_string()
        }
        ErrorKind::UnexpectedEof => "tệp kết thúc giữa chừng".to_string(),
        ErrorKind::Interrupted | ErrorKind::TimedOut | ErrorKind::WouldBlock => {
            "thao tác bị ngắt; chạy lại".to_string()
        }
        ErrorKind::CrossesDevices => "không chuyển được tệp sang ổ đĩa khác".to_string(),
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => {
            "tệp đang được chương trình khác dùng; đóng chương trình đó rồi chạy lại".to_string()
        }
        _ => match e.raw_os_error() {
            Some(n) => format!("hệ điều hành báo lỗi số {n}"),
            None => "lỗi của hệ điều hành".to_string(),
        },
    };
    Text::new(vi, en)
}

/// A file held open by another program, named: the message a sharing violation gets
/// wherever parscore says which file it could not replace.
pub fn busy(file: &str) -> Text {
    text!(
        vi: "tệp {file} đang mở trong chương trình khác (Excel?); đóng tệp rồi thử lại",
        en: "the file {file} is open in another program (Excel?); close it and try again"
    )
}

/// `cannot read the file: <reason>`.
pub fn cannot_read(e: &std::io::Error) -> Text {
    let why = os_reason(e);
    let (vi, en) = (&why.vi, &why.en);
    text!(vi: "không đọc được tệp: {vi}", en: "cannot read the file: {en}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_said_in_vietnamese() {
        let e = std::io::Error::from_raw_os_error(2);
        let t = os_reason(&e);
        assert_eq!(t.vi, "không có tệp hoặc thư mục này");
        assert!(t.en.contains("No such file"), "{}", t.en);
    }
}
