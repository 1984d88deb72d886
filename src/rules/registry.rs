//! The central table of rule codes: codes raised by the readers and the
//! document-level rules (IN, VER, PH, SEC).
use super::RuleMeta;
pub static RULES: &[RuleMeta] = &[];
