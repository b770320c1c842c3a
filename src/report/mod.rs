//! Presentation: turns computed results into what people and tools read. Nothing here
//! computes a figure; every table takes the values the library already produced.

pub mod chart_words;
pub mod charts;
pub mod classes;
pub mod compare;
pub mod criteria;
pub mod csv_out;
pub mod declared;
pub mod diagnostics;
pub mod docx;
pub mod evidence;
pub mod explain;
pub mod gap;
pub mod html;
pub mod import;
pub mod init;
pub mod score;
pub mod score_sheet;
pub mod seal;
pub mod strict;
pub mod summary_sheet;
pub mod table;
pub mod template;
pub mod words;
pub mod working;
pub mod xlsx;
