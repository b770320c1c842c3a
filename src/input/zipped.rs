//! The parts of an Office file (`.xlsx`, `.docx`: zip archives) read within caps on their
//! inflated size, never on what the archive says of itself: each entry's declared size is
//! checked before it is inflated, and its actual size while it is inflated, through a
//! reader that stops one byte past the cap. A 2 MB archive that inflates to gigabytes is
//! refused after inflating at most the cap, with the entry named.

use crate::fsio::{Caps, Input};
use crate::lang::Text;
use crate::text;
use std::io::{Cursor, Read};

/// How much the parts of one archive may inflate to: each part at most the table cap
/// (64 MiB, raised by `--max-input`), all parts together four times that.
#[derive(Clone, Copy, Debug)]
pub struct Inflation {
    pub part: u64,
    pub total: u64,
}

impl Inflation {
    pub fn of(caps: Caps) -> Self {
        let part = caps.of(Input::Table);
        Inflation {
            part,
            total: part.saturating_mul(4),
        }
    }
}

/// Why an archive was not read.
#[derive(Debug)]
pub enum Refused {
    /// Not a zip archive, or a damaged one.
    Unreadable,
    /// An entry larger than the cap, by its declared size or by what it inflated to.
    PartTooLarge { name: String, size: u64, cap: u64 },
    /// All entries together past the cap.
    TotalTooLarge { cap: u64 },
}

impl Refused {
    /// The reason in words, for an archive that is an Excel or Word file (`kind`).
    pub fn text(&self, kind: &str) -> Option<Text> {
        let mib = |n: u64| n >> 20;
        Some(match self {
            Refused::Unreadable => return None,
            Refused::PartTooLarge { name, size, cap } => {
                let (size, cap) = (mib(*size), mib(*cap));
                text!(
                    vi: "tệp {kind} này bung ra quá lớn: phần \"{name}\" lên tới hơn {size} MiB khi giải nén, quá giới hạn {cap} MiB (tệp hỏng hoặc cố ý làm phình); lưu lại tệp từ Excel/Word, hoặc nâng giới hạn bằng --max-input",
                    en: "this {kind} file inflates too far: its part \"{name}\" grows past {size} MiB when unzipped, over the {cap} MiB cap (a damaged or deliberately inflated file); save it again from Excel/Word, or raise the cap with --max-input"
                )
            }
            Refused::TotalTooLarge { cap } => {
                let cap = mib(*cap);
                text!(
                    vi: "tệp {kind} này bung ra quá lớn: các phần của nó giải nén ra hơn {cap} MiB (tệp hỏng hoặc cố ý làm phình); lưu lại tệp từ Excel/Word, hoặc nâng giới hạn bằng --max-input",
                    en: "this {kind} file inflates too far: its parts unzip to more than {cap} MiB (a damaged or deliberately inflated file); save it again from Excel/Word, or raise the cap with --max-input"
                )
            }
        })
    }
}

/// An archive whose every entry has been inflated once within the caps.
pub struct Checked {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    inflation: Inflation,
}

/// Opens an archive and inflates every entry through a capped reader, so that whoever
/// reads it next (calamine, our own XML readers) reads parts of known, bounded size.
pub fn check(bytes: Vec<u8>, inflation: Inflation) -> Result<Checked, Refused> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Refused::Unreadable)?;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|_| Refused::Unreadable)?;
        if entry.size() > inflation.part {
            return Err(Refused::PartTooLarge {
                name: entry.name().map(|n| n.into_owned()).unwrap_or_default(),
                size: entry.size(),
                cap: inflation.part,
            });
        }
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|_| Refused::Unreadable)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut limited = (&mut entry).take(inflation.part + 1);
        let n =
            std::io::copy(&mut limited, &mut std::io::sink()).map_err(|_| Refused::Unreadable)?;
        if n > inflation.part {
            return Err(Refused::PartTooLarge {
                name,
                size: n,
                cap: inflation.part,
            });
        }
        total += n;
        if total > inflation.total {
            return Err(Refused::TotalTooLarge {
                cap: inflation.total,
            });
        }
    }
    Ok(Checked { zip, inflation })
}

impl Checked {
    /// The entry named `name` (ASCII case ignored, as Excel does), whole, or `None` when
    /// the archive has no such entry.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, Refused> {
        let name = name.trim_start_matches('/');
        let Some(index) = (0..self.zip.len()).find(|&i| {
            self.zip
                .name_for_index(i)
                .is_some_and(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
        }) else {
            return Ok(None);
        };
        let entry = self.zip.by_index(index).map_err(|_| Refused::Unreadable)?;
        let mut out = Vec::new();
        entry
            .take(self.inflation.part)
            .read_to_end(&mut out)
            .map_err(|_| Refused::Unreadable)?;
        Ok(Some(out))
    }

    /// The archive's bytes, for a reader that opens the archive itself.
    pub fn into_bytes(self) -> Vec<u8> {
        self.zip.into_inner().into_inner()
    }
}
