fn main() {
    let mut out = serde_json::Map::new();
    for p in std::env::args().skip(1) {
        let Ok(doc) = yoshiki::read_path(std::path::Path::new(&p), &yoshiki::Limits::default()) else { continue };
        let forms = yoshiki::forms::extract_forms(&doc);
        out.insert(p, serde_json::to_value(&forms).unwrap_or_default());
    }
    println!("{}", serde_json::Value::Object(out));
}
