//! Word reader (docx/docm/dotx). OWNER: reader helper. Placeholder.
use crate::error::ReadError;
use crate::model::{Document, Format};
use crate::read::Limits;

pub fn read(name: &str, bytes: Vec<u8>, format: Format, limits: &Limits) -> Result<Document, ReadError> {
    let _ = (bytes, limits);
    Ok(Document::new(name, format, 0))
}
