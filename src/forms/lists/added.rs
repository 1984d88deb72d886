//! Rows an applicant adds under the last printed row of a breakdown
//! (⑤印刷製本費 under ④補助職員人件費).

use super::Got;
use crate::forms::FieldValue;
use crate::forms::definition::{ListDef, def_key};
use crate::forms::extract::Ctx;
use crate::forms::normalize::key_of;
use std::collections::BTreeMap;

/// Rows added under the last printed row of a breakdown (see
/// [`ListFind::AddedRows`](super::definition::ListFind::AddedRows)).
pub(crate) fn added_rows(ctx: &Ctx<'_>, l: &ListDef, out: &mut BTreeMap<String, FieldValue>) {
    let Some(m) = ctx.find_label(ctx.range.clone(), &l.heading) else {
        return;
    };
    let layout = ctx.layout;
    let Some(anchor) = layout.units.get(m.start).and_then(|u| u.cell) else {
        return;
    };
    let Some(gc) = layout.cells.get(anchor) else {
        return;
    };
    let (table, after, col) = (gc.table, gc.row + gc.row_span.max(1) - 1, gc.col);
    let until: Vec<String> = l.until.iter().map(|u| def_key(u).into_owned()).collect();
    let fields: Vec<&String> = l.columns.iter().filter_map(|c| c.fields.first()).collect();
    let (Some(label_field), Some(value_field)) = (fields.first(), fields.get(1)) else {
        return;
    };
    for (n, row) in layout
        .rows(table)
        .into_iter()
        .filter(|&r| r > after)
        .enumerate()
    {
        let Some(label_cell) = layout.cell_at(table, row, col) else {
            break;
        };
        let label = Got::cell(layout, label_cell);
        let key = key_of(&label.text);
        let key = key.as_str();
        if until
            .iter()
            .any(|u| !u.is_empty() && key.starts_with(u.as_str()))
            || crate::forms::normalize::enumerator_len(key) == 0
        {
            break;
        }
        let value = layout
            .right_of(label_cell)
            .map(|c| Got::cell(layout, c))
            .unwrap_or(Got {
                text: String::new(),
                loc: label.loc.clone(),
                cell: None,
            });
        out.insert(
            format!("{}[{n}].{label_field}", l.path),
            FieldValue::new(label.text, label.loc),
        );
        out.insert(
            format!("{}[{n}].{value_field}", l.path),
            FieldValue::new(value.text, value.loc),
        );
    }
}
