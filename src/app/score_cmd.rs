//! `parscore score`.
pub enum ScoreFormat { Table, Csv, Json }
pub fn score() {}
