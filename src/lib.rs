//! parscore: scores a public body's self-assessment for Vietnam's PAR Index
//! (Chỉ số cải cách hành chính).
//!
//! Data flows one way: `input` turns bytes into records, `criteria` and `dossier` turn
//! records into validated models, `scoring` computes, `evidence` checks, seals and verifies
//! the documents, and `report` presents. Nothing here prints (but for the progress bar of a
//! long hashing run, on a terminal's standard error); the binary in `main.rs` only parses arguments and writes what the library returns.

pub mod app;
pub mod chart;
pub mod compare;
pub mod criteria;
pub mod desktop;
pub mod diag;
pub mod dossier;
pub mod escape;
pub mod evidence;
pub mod fsio;
pub mod fuzzing;
pub mod gap;
pub mod history;
pub mod input;
pub mod lang;
pub mod line;
pub mod number;
pub mod ranking;
pub mod report;
pub mod scoring;
pub mod serve;
pub mod submission;
pub mod units;
pub mod value;
