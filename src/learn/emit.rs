//! A learned form as a definition file: readable, commented, and the same
//! bytes for the same template.

use super::{LearnedField, LearnedForm};
use std::fmt::Write as _;

/// A TOML basic string.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// Long lists one item per line.
fn long_list(items: &[String]) -> String {
    if items.len() <= 3 && items.iter().map(|s| s.chars().count()).sum::<usize>() < 60 {
        return list(items);
    }
    let mut s = String::from("[\n");
    for i in items {
        let _ = writeln!(s, "  {},", q(i));
    }
    s.push(']');
    s
}

/// The definition file of a learned form.
pub fn to_toml(f: &LearnedForm) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# 様式定義: {}（yoshiki learn が {} から作成）\n\
         # 推測した内容です。確認して直してから使ってください（yoshiki forms check で検査）。",
        f.name, f.source
    );
    let _ = writeln!(s, "id = {}", q(&f.id));
    let _ = writeln!(s, "version = {}", q(&f.version));
    let _ = writeln!(s, "name = {}", q(&f.name));
    let _ = writeln!(s, "name_en = {}", q(&f.id));
    s.push_str("\n[recognize]\n");
    if let Some(p) = &f.preamble {
        let _ = writeln!(s, "preamble = {}", list(std::slice::from_ref(p)));
    }
    let _ = writeln!(s, "title = {}", list(std::slice::from_ref(&f.title)));
    let _ = writeln!(s, "boilerplate = {}", long_list(&f.boilerplate));
    for fld in &f.fields {
        field(&mut s, fld);
    }
    for l in &f.lists {
        super::lists::to_toml(&mut s, l);
    }
    for r in &f.relations {
        s.push_str("\n[[relation]]\n");
        let _ = writeln!(s, "code = {}", q(r.code));
        let _ = writeln!(s, "kind = {}", q(r.kind));
        match r.kind {
            "sum" => {
                let _ = writeln!(s, "total = {}", q(&r.target));
                let _ = writeln!(s, "terms = {}", list(&r.terms));
            }
            _ => {
                let _ = writeln!(s, "field = {}", q(&r.target));
                let _ = writeln!(s, "base = {}", list(&r.terms));
            }
        }
        if let Some(rate) = &r.rate {
            let _ = writeln!(s, "rate = {}", q(rate));
        }
        if let Some(rounding) = r.rounding {
            let _ = writeln!(s, "rounding = {}", q(rounding));
        }
    }
    if !f.fixed.is_empty() || !f.rows.is_empty() {
        s.push_str("\n[template]\n");
        let _ = writeln!(s, "fixed = {}", long_list(&f.fixed));
        let _ = writeln!(s, "rows = {}", long_list(&f.rows));
        let places: Vec<&(String, String)> = f
            .fixed_places
            .iter()
            .filter(|(t, _)| f.fixed.contains(t))
            .collect();
        if !places.is_empty() {
            s.push_str("\n[template.places]\n");
            for (t, p) in places {
                let _ = writeln!(s, "{} = {}", q(t), q(p));
            }
        }
    }
    s
}

fn field(s: &mut String, f: &LearnedField) {
    s.push_str("\n[[field]]\n");
    let _ = writeln!(s, "path = {}", q(&f.path));
    let _ = writeln!(s, "find = {}", q(f.find));
    if f.find == "label" || f.find == "inline" {
        let _ = writeln!(s, "labels = {}", list(std::slice::from_ref(&f.label)));
    }
    if let Some(sfx) = f.suffix {
        let _ = writeln!(s, "suffix = {}", list(&[sfx.to_string()]));
    }
    if let Some(a) = &f.value_after {
        let _ = writeln!(s, "value_after = {}", q(a));
    }
    if let Some(b) = &f.value_before {
        let _ = writeln!(s, "value_before = {}", q(b));
    }
    if !f.after.is_empty() {
        let _ = writeln!(s, "after = {}", list(&f.after));
    }
    if !f.before.is_empty() {
        let _ = writeln!(s, "before = {}", list(&f.before));
    }
    if !f.strip.is_empty() {
        let _ = writeln!(s, "strip = {}", list(&f.strip));
    }
    if !f.blank_if.is_empty() {
        let _ = writeln!(s, "blank_if = {}", list(&f.blank_if));
    }
    if f.boxes {
        s.push_str("boxes = true\n");
        if !f.box_marks.is_empty() {
            let _ = writeln!(s, "box_marks = {}", list(&f.box_marks));
        }
    }
    match f.kind {
        Some("date") => s.push_str("normalize = \"date\"\n"),
        Some("amount") => s.push_str("normalize = \"amount\"\n"),
        _ => {}
    }
    if let Some(u) = f.unit {
        let _ = writeln!(s, "unit = {}", q(u));
    }
    if let Some(k) = f.kind {
        let _ = writeln!(s, "kind = {}", q(k));
    }
    if f.required {
        s.push_str("required = true\n");
    }
    if let Some(c) = &f.conditional {
        let _ = writeln!(s, "conditional = {}", q(c));
    }
    if f.must_be_blank {
        s.push_str("must_be_blank = true\n");
    }
    if f.past_only {
        s.push_str("past_only = true\n");
    }
    if !f.placeholders.is_empty() {
        let _ = writeln!(s, "placeholders = {}", list(&f.placeholders));
    }
    if !f.options.is_empty() {
        let _ = writeln!(s, "options = {}", list(&f.options));
    }
    if let Some(a) = f.agree {
        let _ = writeln!(s, "agree = {}", q(a));
    }
    let named = f.place.as_ref().unwrap_or(&f.label);
    let place = match &f.section {
        Some(sec) => format!("{sec} {}", named.trim()),
        None => named.clone(),
    };
    let _ = writeln!(s, "place = {}", q(&place));
}
