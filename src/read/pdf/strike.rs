//! Struck-out text: a glyph crossed by a horizontal line through its
//! middle (a quarter to a half of its height above the baseline) was
//! deleted — a tracked deletion LibreOffice and Word print struck through,
//! or an option struck out with a line as Japanese forms ask (不要な文字を
//! 線で消す). Such glyphs are left out, as the Word readers leave out
//! deleted text. Underlines (below the baseline) and table borders (never
//! through a glyph) are not strikes.

use super::content::{Placed, Rule};

/// Where a strike runs, in text heights above the baseline.
const LOW: f32 = 0.15;
const HIGH: f32 = 0.45;

/// Leave out struck glyphs; returns how many were left out.
pub fn drop_struck(glyphs: &mut Vec<Placed>, rules: &[Rule]) -> usize {
    let mut lines: Vec<(f32, f32, f32)> = rules
        .iter()
        .filter(|r| (r.y0 - r.y1).abs() < 0.5)
        .map(|r| ((r.y0 + r.y1) / 2.0, r.x0.min(r.x1), r.x0.max(r.x1)))
        .collect();
    if lines.is_empty() {
        return 0;
    }
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    let before = glyphs.len();
    glyphs.retain(|g| {
        // A space under a strike changes nothing; only letters count.
        if g.text.trim().is_empty() {
            return true;
        }
        let (lo, hi) = (g.y + LOW * g.size, g.y + HIGH * g.size);
        let cx = (g.x + g.end) / 2.0;
        let from = lines.partition_point(|l| l.0 < lo);
        let struck = lines
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|l| l.0 <= hi)
            .any(|l| l.1 <= cx && cx <= l.2);
        !struck
    });
    before - glyphs.len()
}
