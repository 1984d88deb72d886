//! Resource limits applied to every file, so a hostile submission costs
//! bounded memory and time.

/// Limits on what one file may cost to read.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest file accepted from disk or from a submission zip.
    pub max_file_bytes: u64,
    /// Largest inflated size of one zip part.
    pub max_part_bytes: u64,
    /// Largest inflated size of all parts read from one package.
    pub max_total_inflated: u64,
    /// Largest inflated/compressed ratio, checked for parts over
    /// `ratio_floor_bytes` inflated.
    pub max_ratio: u64,
    pub ratio_floor_bytes: u64,
    /// Most entries in one zip.
    pub max_entries: usize,
    /// Deepest XML element nesting.
    pub max_xml_depth: usize,
    /// Most cells read from one sheet.
    pub max_sheet_cells: u64,
    /// Most items (paragraphs, table cells, spans, revision marks) read from
    /// one Word part: bounds the memory of a document made of millions of
    /// tiny elements that still passes the size and ratio limits.
    pub max_word_items: u64,
    /// Wall-clock budget for one file, in milliseconds (checked by the batch
    /// runner; readers check it between parts through `deadline`).
    pub time_budget_ms: u64,
}

impl Limits {
    /// Refuse a file of `len` bytes when it is over `max_file_bytes`.
    pub fn check_file_size(&self, len: u64) -> Result<(), crate::error::ReadError> {
        if len > self.max_file_bytes {
            return Err(crate::error::ReadError::LimitExceeded {
                part: None,
                detail: format!(
                    "file is {len} bytes, over the limit of {} bytes",
                    self.max_file_bytes
                ),
            });
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 200 * 1024 * 1024,
            max_part_bytes: 256 * 1024 * 1024,
            max_total_inflated: 512 * 1024 * 1024,
            max_ratio: 200,
            ratio_floor_bytes: 1024 * 1024,
            max_entries: 10_000,
            max_xml_depth: 256,
            max_sheet_cells: 1_000_000,
            max_word_items: 1_000_000,
            time_budget_ms: 10_000,
        }
    }
}
