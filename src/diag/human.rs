//! Rendering of diagnostics (human). Placeholder.
