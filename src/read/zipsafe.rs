//! Zip reading under limits. Placeholder.
