//! Integration tests: the real `parscore` binary on real files under `tests/data/`.

mod harness;

mod bad_inputs;
mod city_scale;
mod criteria_check;
mod docs;
mod evidence;
mod leadership;
mod output_safety;
mod properties;
mod reliability;
mod score;
mod shared_folder;
mod shipped;
mod template;
