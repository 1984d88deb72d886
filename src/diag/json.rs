//! Rendering of diagnostics (json). Placeholder.
