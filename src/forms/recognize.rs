//! Form recognition. Placeholder.
