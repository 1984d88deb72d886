//! The central table of rule codes. Placeholder.
use super::RuleMeta;
pub static RULES: &[RuleMeta] = &[];
