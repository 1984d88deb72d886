//! Writers: fix, migrate, annotate. Placeholder.
