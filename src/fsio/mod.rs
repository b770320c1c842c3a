//! The file system, in one place: the one path policy every read goes through, the one
//! writer every output goes through, and the lock that makes `seal` a transaction.
//! See the threat model in `docs/reliability.md`.

mod append;
mod lock;
mod os_error;
mod read;
mod temporaries;
mod write;

pub use append::append_synced;
pub use lock::{lock_folder, FolderLock, LockError, LOCK_FILE};
pub use os_error::{cannot_read, os_reason};
pub use read::{inspect, open_regular, read_capped, read_input, Caps, Input, Refusal, Within};
pub use temporaries::{
    is_temporary, pause_for_tests, remove_stale_temporaries, ABANDONED_AFTER, TEMP_PREFIX,
    TEMP_SUFFIX,
};
pub use write::{
    is_link_refused, same_file, stage, write_atomic, write_atomic_with, write_new, Staged,
};
