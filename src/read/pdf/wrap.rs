//! Whether a line was wrapped: the next line's first unbreakable piece
//! would not have fitted after it. Shared by ruled tables and the columns
//! of tables without borders.

/// Slack (points) when testing whether a piece would have fitted.
pub const FIT: f32 = 0.1;

/// Characters that may not start a line (JIS X 4051 line-start rules, the
/// common set Word and LibreOffice apply).
const NO_START: &str = "％%、。，．,.・：；:;？！?!ー‐–～)]}）］｝」』】〕〉》”’ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ";

/// Characters that may not end a line: opening brackets.
const NO_END: &str = "（［｛「『【〔〈《“‘([{";

/// The width of the piece a line cannot be broken before: its first
/// glyph with those that may not start a line (and the one after an
/// opening bracket), or its first Latin word (up to a space), measured on
/// the glyphs as drawn.
pub fn lead_width(head: &[(String, f32)]) -> f32 {
    let mut glyphs = head.iter();
    let Some((first, mut w)) = glyphs.next().cloned() else {
        return 0.0;
    };
    let latin = first.chars().all(|c| c.is_ascii_graphic());
    let mut after_opening = first.chars().all(|c| NO_END.contains(c));
    for (t, gw) in glyphs {
        let word = latin && t.chars().all(|c| c.is_ascii_graphic());
        if !(word || after_opening || t.chars().all(|c| NO_START.contains(c))) {
            break;
        }
        after_opening = t.chars().all(|c| NO_END.contains(c));
        w += gw;
    }
    w
}

/// Whether text ending at `end` was wrapped before a line starting with
/// `head`, its text limited at `limit`.
pub fn wrapped(end: f32, head: &[(String, f32)], limit: f32) -> bool {
    !head.is_empty() && end + lead_width(head) > limit + FIT
}

/// A wrapped line's text after the line before: Latin words wrapped at a
/// space get the space back, Japanese text runs on.
pub fn go_on(p: &mut String, text: &str) {
    if p.ends_with(|c: char| c.is_ascii_alphanumeric())
        && text.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        p.push(' ');
    }
    p.push_str(text);
}
