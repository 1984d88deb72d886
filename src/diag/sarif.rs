//! Rendering of diagnostics (sarif). Placeholder.
