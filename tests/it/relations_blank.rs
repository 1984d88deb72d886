//! A declared difference (`total = a - b`, 「５．手取り（３－４）」): a blank
//! result is reported with the amount it should be only when the deduction
//! is written; with the deduction still blank the sum is not claimed (a
//! deduction not yet written is not a zero). A written result that does
//! not match is reported either way.

use std::path::Path;

const DEFINITION: &str = r#"
id = "net_pay"
version = "r8"
name = "賃金の支払"
name_en = "Payment of wages"

[recognize]
title = ["賃金の支払"]
boilerplate = ["支払概算額", "控除する金額", "手取り支給額"]

[[field]]
path = "pay.gross"
find = "label"
labels = ["３．支払概算額"]
normalize = "amount"
unit = "円"
kind = "amount"
place = "３．支払概算額"

[[field]]
path = "pay.deduction"
find = "label"
labels = ["４．控除する金額"]
normalize = "amount"
unit = "円"
kind = "amount"
place = "４．控除する金額"

[[field]]
path = "pay.net"
find = "label"
labels = ["５．手取り支給額（３－４）"]
normalize = "amount"
unit = "円"
kind = "amount"
place = "５．手取り支給額（３－４）"

[[relation]]
code = "SUM001"
kind = "sum"
total = "pay.net"
terms = ["pay.gross", "-pay.deduction"]
"#;

fn sum001(defs: &Path, file: &Path) -> Vec<String> {
    let json = crate::common::forms_json(defs, "check", "2026-04-01", file);
    crate::common::first_file_findings(&json, "SUM001")
        .into_iter()
        .map(|d| d["message"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_blank_result_is_claimed_only_once_its_deduction_is_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let defs = tmp.path().join("defs");
    std::fs::create_dir(&defs).expect("mkdir");
    std::fs::write(defs.join("net_pay.toml"), DEFINITION).expect("write");
    let case = |name: &str, deduction: &str, net: &str| {
        let p = tmp.path().join(name);
        let text = format!(
            "賃金の支払\n３．支払概算額　２５０，０００円\n４．控除する金額　{deduction}\n５．手取り支給額（３－４）　{net}\n"
        );
        std::fs::write(&p, text).expect("write");
        sum001(&defs, &p)
    };
    // Deduction and result both still to fill: nothing to claim.
    assert_eq!(case("both_blank.txt", "", ""), Vec::<String>::new());
    // Deduction written, result blank: the result it should be.
    let found = case("net_blank.txt", "５０，０００円", "");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("200,000"), "{found:?}");
    // A written result that does not match is wrong whatever is blank.
    let found = case("net_wrong.txt", "", "２００，０００円");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("250,000"), "{found:?}");
    // And a matching one is fine.
    assert_eq!(
        case("net_right.txt", "５０，０００円", "２００，０００円"),
        Vec::<String>::new()
    );
}
