//! One function per command: reads, computes, and returns what to print and the exit
//! status. The binary only parses arguments and prints an [`Outcome`].

mod chart_cmd;
mod clock;
mod compare_cmd;
mod criteria_cmd;
mod draw;
mod evidence_cmd;
mod export_cmd;
mod export_docx;
mod format;
mod gap_cmd;
mod init_cmd;
mod load;
mod many;
mod progress;
mod prompt;
mod report_cmd;
mod score_cmd;
mod scored;
mod template_cmd;
mod units;

pub use chart_cmd::chart;
pub use compare_cmd::compare;
pub use criteria_cmd::{criteria_check, criteria_import, criteria_show, ImportArgs};
pub use draw::{draw, ChartArgs, Drawn};
pub use evidence_cmd::{evidence, seal, seal_as, verify};
pub use export_cmd::{export, ExportTo};
pub use format::Format;
pub use gap_cmd::gap;
pub use init_cmd::{init, InitArgs};
pub use load::{comparison, load_all, measure, rankings_of};
pub use many::over_dossiers;
pub use prompt::{Ask, Terminal};
pub use report_cmd::{default_out, report, report_html, ReportArgs};
pub use score_cmd::score;
pub use scored::{load_scored, load_scored_with, Scored};
pub use template_cmd::{template, TemplateTo};

use crate::diag::{Diagnostic, Fatal};
use crate::lang::Lang;

/// Documented exit codes: 0 success, 1 the data has problems, 2 the command could not run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Ok = 0,
    DataProblems = 1,
    CannotRun = 2,
}

/// What a command has to say: standard output, standard error and the exit status.
#[derive(Debug)]
pub struct Outcome {
    pub out: String,
    pub err: String,
    pub status: Status,
    /// The problems behind a failed outcome, for `--format json`.
    pub diagnostics: Vec<Diagnostic>,
}

impl Outcome {
    pub fn ok(out: String) -> Self {
        Outcome {
            out,
            err: String::new(),
            status: Status::Ok,
            diagnostics: Vec::new(),
        }
    }

    pub fn fatal(f: Fatal, lang: Lang) -> Self {
        Outcome {
            out: String::new(),
            err: format!("{}\n", f.0.render(lang)),
            status: Status::CannotRun,
            diagnostics: vec![*f.0],
        }
    }

    pub fn problems(diags: &[Diagnostic], lang: Lang) -> Self {
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let mut err = crate::report::diagnostics::lines(diags, lang);
        err.push_str(&crate::report::diagnostics::count_phrase(
            errors,
            diags.len() - errors,
            lang,
        ));
        err.push('\n');
        Outcome {
            out: String::new(),
            err,
            status: if errors > 0 {
                Status::DataProblems
            } else {
                Status::Ok
            },
            diagnostics: diags.to_vec(),
        }
    }

    /// For `--format json`: a failed outcome prints its problems as JSON on standard
    /// output, `{ "status": 1, "errors": [ { "severity", "file", "line", "column", "code",
    /// "message" } ] }`, and keeps the human-readable text on standard error.
    pub fn json_errors(mut self, lang: Lang) -> Self {
        if self.status != Status::Ok && self.out.is_empty() && !self.diagnostics.is_empty() {
            let v = serde_json::json!({
                "status": self.status as u8,
                "errors": crate::report::diagnostics::json(&self.diagnostics, lang),
            });
            self.out = format!("{}\n", crate::escape::json_pretty(&v));
        }
        self
    }
}

/// A path as the user named it, for messages.
pub(crate) fn shown(path: &std::path::Path) -> String {
    crate::fsio::shown(path)
}
