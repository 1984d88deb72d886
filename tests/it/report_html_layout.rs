//! The HTML intake report as an official sees it: opened in headless
//! Chromium 1280 px wide, the findings table fits the window (long messages
//! and excerpts wrap), measured in the page.

use std::path::Path;
use std::process::Command;

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {c}"))
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// A page that loads the report in a 1280 px frame and writes what it
/// measured into its own DOM, for `--dump-dom`.
const PROBE: &str = r#"<!doctype html><html><body>
<iframe id="f" src="report.html" style="width:1280px;height:900px;border:0"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {
  var d = this.contentDocument, e = d.documentElement, t = d.getElementById('findings');
  var th = t.querySelector('th');
  var out = document.createElement('pre');
  out.id = 'result';
  out.textContent = [e.scrollWidth, e.clientWidth, t.getBoundingClientRect().right,
    t.querySelectorAll('tbody tr').length, getComputedStyle(th).position].join(' ');
  document.body.appendChild(out);
});
</script></body></html>"#;

#[test]
fn the_html_report_fits_1280_pixels() {
    let Some(browser) = chromium() else {
        crate::common::missing("chromium");
        return;
    };
    let tmp = tempfile::tempdir().expect("tmp");
    let report = tmp.path().join("report.html");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args(["check", "-q", "--format", "json", "--report"])
        .arg(&report)
        .arg(root.join("samples/mistakes"))
        .output()
        .expect("check");
    assert!(report.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    let probe = tmp.path().join("probe.html");
    std::fs::write(&probe, PROBE).expect("write");
    let profile = tempfile::tempdir().expect("profile");
    let dom = Command::new("timeout")
        .arg("60")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--allow-file-access-from-files",
            "--window-size=1400,1000",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", probe.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    let result = dom
        .split("<pre id=\"result\">")
        .nth(1)
        .and_then(|r| r.split("</pre>").next())
        .unwrap_or_else(|| panic!("no measurement in the page: {dom}"));
    let parts: Vec<&str> = result.split_whitespace().collect();
    let num = |i: usize| parts[i].parse::<f64>().expect("number");
    let (scroll, client, right, rows) = (num(0), num(1), num(2), num(3));
    assert!(rows > 20.0, "findings shown: {result}");
    assert!(client <= 1280.0, "{result}");
    assert!(
        scroll <= client,
        "horizontal overflow: page {scroll} px in a {client} px window"
    );
    assert!(right <= client, "table ends at {right} px of {client}");
    assert_eq!(parts[4], "sticky", "header row stays on screen");
}
