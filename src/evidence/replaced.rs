//! What a new seal replaced: the earlier seal's time, and the files changed, gone or added
//! between the two seals (the lists `verify` gives), found by comparing the two lists of
//! hashes, so that sealing again costs no second reading of the documents.

use super::seal::{Seal, SealedFile};
use std::collections::HashMap;

/// An earlier seal that a new one replaced: when it was made, and the files changed,
/// gone or added since (the lists `verify` would have given).
#[derive(Clone, Debug)]
pub struct Replaced {
    pub sealed_at: String,
    pub changed: Vec<String>,
    pub missing: Vec<String>,
    pub added: Vec<String>,
}

impl Replaced {
    pub(super) fn between(old: Seal, new: &[SealedFile]) -> Replaced {
        let before: HashMap<&str, &str> = old
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.sha256.as_str()))
            .collect();
        let now: HashMap<&str, &str> = new
            .iter()
            .map(|f| (f.path.as_str(), f.sha256.as_str()))
            .collect();
        let (mut changed, mut added) = (Vec::new(), Vec::new());
        // The history only grows between two seals: its new lines are not a change.
        for f in new.iter().filter(|f| f.role != super::seal::Role::History) {
            match before.get(f.path.as_str()) {
                Some(h) if *h != f.sha256 => changed.push(f.path.clone()),
                Some(_) => {}
                None => added.push(f.path.clone()),
            }
        }
        let missing = old
            .files
            .iter()
            .filter(|f| f.role != super::seal::Role::History)
            .filter(|f| !now.contains_key(f.path.as_str()))
            .map(|f| f.path.clone())
            .collect();
        Replaced {
            sealed_at: old.sealed_at,
            changed,
            missing,
            added,
        }
    }
}
