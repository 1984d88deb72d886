//! The central table, continued: rules on extracted fields (REQ, SUM, SUB,
//! ROS, RPT, XD, FMT).
use super::RuleMeta;
pub static FIELD_RULES: &[RuleMeta] = &[];
