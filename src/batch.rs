//! Batch intake of many submission sets. Placeholder.
