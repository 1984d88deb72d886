//! What every door of `migrate --to` shares beyond the carrying itself:
//! the `--map` file read, the new file read back before it is handed out,
//! and the report as data (each value old place → new place, what found
//! no place, what to fill by hand, the wording to read again).

use super::{Carry, LabelMap};
use crate::diag::Lang;
use crate::read::{Limits, read_bytes};
use crate::rules::field_util::squash;

/// A `--map` file: `[map]` then `"旧ラベル" = "新ラベル"` lines. The error
/// is the reason in words (Japanese, English).
pub fn parse_map(text: &str) -> Result<LabelMap, (String, String)> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MapFile {
        #[serde(default)]
        map: LabelMap,
    }
    toml::from_str::<MapFile>(text).map(|m| m.map).map_err(|e| {
        (
            format!(
                "対応表の書き方が正しくありません（[map] の下に \"旧ラベル\" = \"新ラベル\" と書きます）: {e}"
            ),
            format!("the map file is not valid: {e}"),
        )
    })
}

/// Read the new file back: every carried value must read back in its
/// place. The error lists the places that do not, for the refusal.
pub fn verify(c: &Carry, name: &str, limits: &Limits) -> Result<(), String> {
    let doc = read_bytes(name, c.bytes.clone(), limits).map_err(|e| e.to_string())?;
    let mut texts = crate::forms::blanks::texts(&doc);
    texts.extend(crate::forms::blanks::cell_texts(&doc));
    let mut problems = Vec::new();
    for p in c.placed.iter().filter(|p| !p.computed) {
        let found = texts
            .iter()
            .find(|(_, l)| *l == p.new_place)
            .map(|(t, _)| t.as_str());
        match found {
            Some(v) if squash(v) == squash(&p.new_value) => {}
            other => problems.push(format!(
                "{} [{}]: {:?} ≠ {:?}",
                p.new_label,
                p.new_place.describe(),
                other.unwrap_or(""),
                p.new_value
            )),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join(" / "))
    }
}

/// The report as data, with each place also in words (`表2 3行 2列`,
/// `Sheet1!C12`) for a person to find it: the fields of `migrate --to
/// --format json` plus `*_text` and the counts.
pub fn summary(c: &Carry, lang: Lang) -> serde_json::Value {
    let new_fields = c.to_fill.iter().filter(|f| f.new_field).count();
    serde_json::json!({
        "placed": c.placed.iter().map(|p| serde_json::json!({
            "old_label": p.old_label, "new_label": p.new_label,
            "value": p.value, "new_value": p.new_value,
            "old_place": p.old_place, "new_place": p.new_place,
            "old_place_text": p.old_place.describe_in(lang),
            "new_place_text": p.new_place.describe_in(lang),
            "review": p.review.as_ref().map(|r| r.get(lang).to_string()),
            "computed": p.computed,
        })).collect::<Vec<_>>(),
        "unplaced": c.unplaced.iter().map(|u| serde_json::json!({
            "old_label": u.old_label, "value": u.value, "old_place": u.old_place,
            "old_place_text": u.old_place.describe_in(lang),
            "reason": u.reason.get(lang),
        })).collect::<Vec<_>>(),
        "to_fill": c.to_fill.iter().map(|f| serde_json::json!({
            "label": f.label, "place": f.place, "place_text": f.place.describe_in(lang),
            "new_field": f.new_field,
        })).collect::<Vec<_>>(),
        "changed_wording": c.changed_wording,
        "counts": {
            "placed": c.placed.len(),
            "unplaced": c.unplaced.len(),
            "new_fields": new_fields,
            "left_blank": c.to_fill.len() - new_fields,
            "changed_wording": c.changed_wording.len(),
        },
    })
}
