//! Struck-out text: glyphs crossed by a horizontal line through their
//! middle (a quarter to a half of their height above the baseline) that
//! starts at the first of them and ends at the last were deleted — a
//! tracked deletion LibreOffice and Word print struck through, or an
//! option struck out with a line as Japanese forms ask (不要な文字を線で
//! 消す). Such glyphs are left out, as the Word readers leave out deleted
//! text. Underlines (below the baseline) and borders (running past the
//! text) are not strikes.

use super::content::{Placed, Rule};

/// Where a strike runs, in text heights above the baseline.
const LOW: f32 = 0.15;
const HIGH: f32 = 0.45;
/// How far (in text heights) a strike's ends may be from the glyphs'.
const ENDS: f32 = 0.3;

/// Leave out struck glyphs; returns how many were left out.
pub fn drop_struck(glyphs: &mut Vec<Placed>, rules: &[Rule]) -> usize {
    let lines: Vec<(f32, f32, f32)> = rules
        .iter()
        .filter(|r| (r.y0 - r.y1).abs() < 0.5)
        .map(|r| ((r.y0 + r.y1) / 2.0, r.x0.min(r.x1), r.x0.max(r.x1)))
        .collect();
    if lines.is_empty() {
        return 0;
    }
    // Glyphs (letters only: a space under a line changes nothing) by
    // baseline, to find those a line crosses.
    let mut order: Vec<usize> = (0..glyphs.len())
        .filter(|&i| glyphs.get(i).is_some_and(|g| !g.text.trim().is_empty()))
        .collect();
    order.sort_by(|&a, &b| {
        let y = |i: usize| glyphs.get(i).map_or(0.0, |g| g.y);
        y(a).total_cmp(&y(b))
    });
    let size = glyphs.iter().map(|g| g.size).fold(0.0f32, f32::max);
    let mut struck = vec![false; glyphs.len()];
    for (y, x0, x1) in lines {
        // Baselines from which this line could be a strike.
        let from = order.partition_point(|&i| glyphs.get(i).is_some_and(|g| g.y < y - HIGH * size));
        let crossed: Vec<usize> = order
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .copied()
            .take_while(|&i| glyphs.get(i).is_some_and(|g| g.y <= y - LOW * size + size))
            .filter(|&i| {
                glyphs.get(i).is_some_and(|g| {
                    let cx = (g.x + g.end) / 2.0;
                    (g.y + LOW * g.size..=g.y + HIGH * g.size).contains(&y) && x0 <= cx && cx <= x1
                })
            })
            .collect();
        let first = crossed
            .iter()
            .filter_map(|&i| glyphs.get(i))
            .map(|g| g.x)
            .fold(f32::MAX, f32::min);
        let last = crossed
            .iter()
            .filter_map(|&i| glyphs.get(i))
            .map(|g| g.end)
            .fold(f32::MIN, f32::max);
        let slack = ENDS * size + 0.5;
        if !crossed.is_empty() && (first - x0).abs() <= slack && (last - x1).abs() <= slack {
            for i in crossed {
                if let Some(s) = struck.get_mut(i) {
                    *s = true;
                }
            }
        }
    }
    let before = glyphs.len();
    let mut k = 0;
    glyphs.retain(|_| {
        let keep = !struck.get(k).copied().unwrap_or(false);
        k += 1;
        keep
    });
    before - glyphs.len()
}
