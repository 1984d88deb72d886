use yoshiki::forms::extract::extract_with;
use yoshiki::forms::definition::builtin;
use yoshiki::forms::layout::text_document;
fn main() {
    for p in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        let doc = text_document(&p, &text);
        for f in extract_with(&doc, builtin()) {
            println!("== {} {} sim={} start={:?} end={:?}", f.form, f.template_version, f.similarity, f.start.line, f.end.line);
            for (k, v) in &f.fields {
                let val: String = v.value.chars().take(60).collect::<String>().replace('\n', "⏎");
                println!("  {k} = {val:?} norm={:?} unnorm={:?} @{}:{}", v.normalized, v.unnormalized, v.location.line.unwrap_or(0), v.location.column.unwrap_or(0));
            }
        }
    }
}
