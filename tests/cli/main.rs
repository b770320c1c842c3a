//! Integration tests: the real `parscore` binary on real files under `tests/data/`.

mod harness;

mod adjustments;
mod applicability;
mod bad_inputs;
mod browser;
mod city_scale;
mod classes;
mod conditional_evidence;
mod counts_ratios;
mod criteria_check;
mod docs;
mod evidence;
mod evidence_items;
mod excel_codes;
mod export;
mod first_hour;
mod import;
mod init;
mod languages;
mod leadership;
mod libreoffice;
mod output_safety;
mod plan_completion;
mod properties;
mod read_back;
mod reliability;
mod score;
mod serve;
mod serve_browser;
mod server;
mod shared_folder;
mod shipped;
mod template;
mod workbook;
