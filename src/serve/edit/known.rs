//! What the server last knew of each dossier's tables: the bytes it last read or wrote.
//! When a table's bytes differ at the next request, someone changed it outside the app
//! (Excel, a colleague on the shared drive), and the difference goes into the history as
//! a `disk` change before anything else happens. A table the server has not seen yet is
//! simply remembered: changes made while the server was stopped are not attributed.

use super::TableFile;
use crate::history::{self, Kind};
use crate::input::ReadOptions;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Default)]
pub struct Known {
    tables: Mutex<HashMap<(PathBuf, TableFile), Vec<u8>>>,
}

impl Known {
    /// Records in the history how `now` differs from what was last known of `table`, and
    /// remembers `now`. Called with the dossier's lock held.
    pub fn notice(&self, dir: &Path, table: TableFile, now: &[u8], read: ReadOptions) {
        let key = (dir.to_path_buf(), table);
        let mut tables = self.tables.lock().unwrap_or_else(|p| p.into_inner());
        let previous = tables.insert(key, now.to_vec());
        let Some(previous) = previous.filter(|p| p.as_slice() != now) else {
            return;
        };
        let mut lines = history::diff_tables(
            table.name(),
            table.key_column(),
            &previous,
            now,
            read.encoding,
        );
        if lines.is_empty() {
            return;
        }
        let entries = history::read(dir, read.caps).unwrap_or_default();
        let n = history::next_change(&entries);
        let when = history::now();
        for l in &mut lines {
            l.change = n;
            l.when = when.clone();
            l.kind = Kind::Disk;
        }
        let _ = history::append(dir, &lines);
    }

    /// Remembers `bytes` as the table's content (after the app wrote it).
    pub fn remember(&self, dir: &Path, table: TableFile, bytes: Vec<u8>) {
        let mut tables = self.tables.lock().unwrap_or_else(|p| p.into_inner());
        tables.insert((dir.to_path_buf(), table), bytes);
    }

    /// Forgets what was known of the dossier's tables: the next look only remembers them
    /// (after `seal`, whose own change of the manifest is not a change made elsewhere).
    pub fn forget(&self, dir: &Path) {
        let mut tables = self.tables.lock().unwrap_or_else(|p| p.into_inner());
        tables.retain(|(d, _), _| d != dir);
    }

    /// Looks at every table of the dossier (a page or a poll asked about it), when its lock
    /// is free; a change being saved is noticed by the save itself.
    pub fn look(&self, dir: &Path, read: ReadOptions) {
        let Ok(_lock) = crate::fsio::lock_folder(dir) else {
            return;
        };
        for table in TableFile::ALL {
            let path = dir.join(table.name());
            let within = crate::fsio::Within::folder_of(&path);
            if let Ok(bytes) =
                crate::fsio::read_input(&path, within, crate::fsio::Input::Table, read.caps)
            {
                self.notice(dir, table, &bytes, read);
            }
        }
    }
}
