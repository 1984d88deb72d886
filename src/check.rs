//! The check pipeline: read, extract, lint a set of paths. Placeholder.
