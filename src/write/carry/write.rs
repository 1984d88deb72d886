//! The values written into the new template's bytes: Word cells and
//! paragraphs, sheet cells; every other part copied as it is.

use super::values::amount;
use super::*;

/// Write the values into the template's bytes; also returns the cells left
/// alone because the template computes them.
pub(super) fn write(
    format: Format,
    bytes: &[u8],
    writes: &[(Location, String)],
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<String>), WriteError> {
    let pkg = Package::parse(bytes.to_vec(), limits)?;
    let mut changes: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut computed = Vec::new();
    if format.is_word() {
        let xml = pkg.read_string(DOCUMENT_PART)?;
        let scan: DocxScan = docx_scan::scan(&xml, DOCUMENT_PART, limits.max_xml_depth)?;
        let mut splices: Vec<Splice> = Vec::new();
        for (loc, value) in writes {
            if let Some(ordinal) = loc.paragraph {
                let Some(p) = scan.paras.iter().find(|p| p.ordinal == ordinal) else {
                    return Err(WriteError::Internal(format!(
                        "no paragraph at {}",
                        loc.describe()
                    )));
                };
                splices.extend(crate::write::migrate::set_paragraph_text(
                    &xml, p, value, false,
                ));
                continue;
            }
            let cell = match (loc.table, loc.row, loc.col) {
                (Some(t), Some(r), Some(c)) => scan.cell_at(t, r, c),
                _ => None,
            };
            let Some(cell) = cell else {
                return Err(WriteError::Internal(format!(
                    "no cell at {}",
                    loc.describe()
                )));
            };
            let lines: Vec<String> = value.lines().map(str::to_string).collect();
            splices.extend(crate::write::migrate::fill_cell(
                &xml,
                &scan,
                cell.paras.first().copied(),
                &lines,
                false,
            ));
        }
        let out = apply_splices(&xml, &splices, DOCUMENT_PART)?;
        check_well_formed(&out, DOCUMENT_PART, limits.max_xml_depth)?;
        changes.insert(DOCUMENT_PART.to_string(), out.into_bytes());
    } else if matches!(format, Format::Xlsx | Format::Xlsm) {
        let book = xlsx_scan::workbook(&pkg)?;
        let mut by_part: BTreeMap<String, Vec<(String, CellValue)>> = BTreeMap::new();
        for (loc, value) in writes {
            let (Some(sheet), Some(cell)) = (&loc.sheet, &loc.cell) else {
                return Err(WriteError::Internal(format!(
                    "no cell at {}",
                    loc.describe()
                )));
            };
            let Some(part) = book.sheet(sheet) else {
                return Err(WriteError::Internal(format!("no sheet {sheet}")));
            };
            // A number stays a number (formulas over it compute), unless its
            // leading zeros matter (番号: 0001234567).
            let digits = squash(value);
            let v = match amount(value) {
                Some(n)
                    if !(value.contains('円') || digits.starts_with('0') && digits.len() > 1)
                        && digits.chars().all(|c| c.is_ascii_digit() || c == ',') =>
                {
                    CellValue::Number(n as f64)
                }
                _ => CellValue::Text(value.clone()),
            };
            by_part
                .entry(part.part.clone())
                .or_default()
                .push((cell.clone(), v));
        }
        for (part, values) in by_part {
            let xml = pkg.read_string(&part)?;
            let (splices, formulas) = set_cells(&xml, &part, &values)?;
            computed.extend(formulas);
            let out = apply_splices(&xml, &splices, &part)?;
            check_well_formed(&out, &part, limits.max_xml_depth)?;
            changes.insert(part, out.into_bytes());
        }
    } else {
        return Err(WriteError::Unsupported(format!(
            "values can be carried into .docx and .xlsx templates, not {}",
            format.as_str()
        )));
    }
    if changes.is_empty() {
        return Ok((bytes.to_vec(), computed));
    }
    Ok((pkg.rewrite(&changes)?, computed))
}
