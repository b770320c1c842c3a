//! Integration tests: the real `parscore` binary on real files under `tests/data/`.

mod harness;

mod bad_inputs;
mod criteria_check;
mod docs;
mod evidence;
mod first_hour;
mod init;
mod languages;
mod leadership;
mod output_safety;
mod properties;
mod read_back;
mod reliability;
mod score;
mod shipped;
mod template;
