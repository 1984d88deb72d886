//! Knowledge that changes over time (standard editions, organisation names). Placeholder.
#[derive(Debug, Clone, Default)]
pub struct Knowledge;
