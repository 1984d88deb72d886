//! Field extraction. Placeholder.
use super::definition::FormSet;
use super::ExtractedForm;
use crate::model::Document;
pub fn extract_with(doc: &Document, defs: &FormSet) -> Vec<ExtractedForm> {
    let _ = (doc, defs);
    Vec::new()
}
