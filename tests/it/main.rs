//! One integration-test binary (as ripgrep and other large Rust projects do):
//! one link instead of one per file. Each former `tests/*.rs` is a module.

mod common;
mod write_support;

mod batch_check;
mod batch_intake;
mod batch_runner;
mod calls_hand;
mod check_cli;
mod check_config;
mod check_form_rules;
mod check_knowledge;
mod check_output;
mod check_rules;
mod cli_conventions;
mod corpus;
mod extract_corpus;
mod extract_definitions;
mod extract_json;
mod extract_samples;
mod extract_seeds;
mod extract_variants;
mod forms_cmd;
mod hostile_files;
mod learn;
mod normalize;
mod read_bad_input;
mod read_docx;
mod read_sheet;
mod read_sheet_drawings;
mod read_text;
mod report_html_layout;
mod report_writers;
mod rules_fields;
mod safe_files;
mod windows_wine;
mod write_annotate;
mod write_cli;
mod write_corpus;
mod write_docx;
mod write_migrate;
mod write_notes;
mod write_robust;
mod write_text;
mod write_xlsx;
