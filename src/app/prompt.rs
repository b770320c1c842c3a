//! Questions on a terminal, for `init` when a setting was not given as a flag. The only
//! command that converses: it writes each question (with its numbered choices) to standard
//! error and reads one line of standard input per answer. The command itself only sees the
//! [`Ask`] trait, so a test can answer in memory.

use crate::escape::for_terminal;
use std::io::{BufRead, IsTerminal, Write};

/// Someone who can answer questions.
pub trait Ask {
    /// Shows `question` and `choices` (numbered from 1) and returns the line typed, trimmed;
    /// `None` when input has ended.
    fn ask(&mut self, question: &str, choices: &[String]) -> Option<String>;
    /// Tells why an answer was not taken, before the question is asked again.
    fn say(&mut self, line: &str);
}

/// A person at a terminal.
pub struct Terminal;

impl Terminal {
    /// A terminal to ask on, when standard input is one.
    pub fn if_interactive() -> Option<Terminal> {
        std::io::stdin().is_terminal().then_some(Terminal)
    }
}

impl Ask for Terminal {
    fn ask(&mut self, question: &str, choices: &[String]) -> Option<String> {
        let mut err = std::io::stderr().lock();
        for (i, c) in choices.iter().enumerate() {
            let _ = writeln!(err, "  {}) {}", i + 1, for_terminal(c));
        }
        let _ = write!(err, "{question} ");
        let _ = err.flush();
        let mut line = String::new();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim().to_string()),
        }
    }

    fn say(&mut self, line: &str) {
        let _ = writeln!(std::io::stderr(), "{}", for_terminal(line));
    }
}
