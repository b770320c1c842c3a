//! What differs between Unix and Windows at the file-system door, one small module per
//! platform behind the same functions (as the standard library's `sys` does): how a file is
//! opened without following a link, what the open handle says of itself, how a rewrite
//! replaces its target, how a path is shown, and whether our console is our own. Callers
//! never test the platform themselves.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::*;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::*;
