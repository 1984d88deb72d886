//! `w:sym`: a character named by font and code instead of stored as text.
//!
//! ECMA-376 §17.3.3.30: `w:font` names the font, `w:char` the character
//! code in hex. For a symbol-encoded font (Symbol, Wingdings 1–3,
//! Webdings) the code is the font's own byte, written either as such
//! (`00DA`) or moved into the private-use block `F000–F0FF` (`F0DA`, what
//! Word writes); that byte is mapped to the Unicode character the glyph
//! shows. For any other font (ＭＳ 明朝, Segoe UI Symbol, …) the code is the
//! Unicode code point itself (`2472` is ⑲); a code in `F020–F0FF` there is
//! read as its low byte (Word's symbol-font convention applied to a font
//! with Latin-1 glyphs). A code nothing maps is dropped rather than kept as
//! an invisible private-use character.

/// The text a `w:sym` stands for (empty when nothing sensible maps).
pub fn sym_text(font: &str, code: u32) -> String {
    let font = font.trim().to_ascii_lowercase();
    let low = if (0xF000..=0xF0FF).contains(&code) {
        Some(code - 0xF000)
    } else if code <= 0xFF {
        Some(code)
    } else {
        None
    };
    let mapped = match (low, font.as_str()) {
        (Some(b), "symbol") => symbol(b),
        (Some(b), f) if f == "wingdings" || f == "wingdings 1" => wingdings(b),
        (Some(b), "wingdings 2") => wingdings2(b),
        (Some(b), "wingdings 3") => wingdings3(b),
        (Some(b), "webdings") => webdings(b),
        (Some(b), _) if (0xF020..=0xF0FF).contains(&code) => char::from_u32(b),
        _ => char::from_u32(code),
    };
    mapped
        .filter(|c| !c.is_control() && !is_private_use(*c))
        .map(String::from)
        .unwrap_or_default()
}

fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// The Symbol font (Adobe Symbol encoding).
fn symbol(b: u32) -> Option<char> {
    const GREEK_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"; // 0x41–0x5A
    const GREEK_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"; // 0x61–0x7A
    const HIGH: &str = "ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…│⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪ 〉∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭"; // 0xA1–0xFE
    let c = match b {
        0x20..=0x40 => symbol_low(b)?,
        0x41..=0x5A => GREEK_UPPER.chars().nth((b - 0x41) as usize)?,
        0x5B..=0x60 => ['[', '∴', ']', '⊥', '_', '\u{203E}'][(b - 0x5B) as usize],
        0x61..=0x7A => GREEK_LOWER.chars().nth((b - 0x61) as usize)?,
        0x7B..=0x7E => ['{', '|', '}', '∼'][(b - 0x7B) as usize],
        0xA0 => '€',
        0xF0 => return None,
        0xA1..=0xFE => HIGH.chars().nth((b - 0xA1) as usize)?,
        _ => return None,
    };
    Some(c)
}

/// Symbol 0x20–0x40: ASCII except a few mathematical signs.
fn symbol_low(b: u32) -> Option<char> {
    Some(match b {
        0x22 => '∀',
        0x24 => '∃',
        0x27 => '∋',
        0x2A => '∗',
        0x2D => '−',
        0x40 => '≅',
        _ => char::from_u32(b)?,
    })
}

/// Wingdings: circled numbers, ballot boxes, check marks, bullets,
/// arrows and the office symbols Japanese forms use.
fn wingdings(b: u32) -> Option<char> {
    let c = match b {
        0x21 => '✏',
        0x22 => '✂',
        0x23 => '✁',
        0x28 => '☎',
        0x29 => '✆',
        0x2A => '✉',
        0x36 => '⌛',
        0x37 => '⌨',
        0x3E => '✇',
        0x3F => '✍',
        0x41 => '✌',
        0x45 => '☜',
        0x46 => '☞',
        0x47 => '☝',
        0x48 => '☟',
        0x4A => '☺',
        0x4B => '😐',
        0x4C => '☹',
        0x4E => '☠',
        0x4F => '⚐',
        0x51 => '✈',
        0x52 => '☼',
        0x54 => '❄',
        0x55 => '✞',
        0x58 => '✠',
        0x59 => '✡',
        0x5A => '☪',
        0x5B => '☯',
        0x5C => 'ॐ',
        0x5D => '☸',
        0x5E..=0x69 => char::from_u32(0x2648 + (b - 0x5E))?, // ♈–♓
        0x6C => '●',
        0x6D => '❍',
        0x6E => '■',
        // Ballot boxes as checkbox readers expect them.
        0x6F | 0x71 | 0xA8 => '☐',
        0x78 => '☒',
        0x72 => '❒',
        0x73 => '⬧',
        0x74 => '⧫',
        0x75 => '◆',
        0x76 => '❖',
        0x77 => '⬥',
        0x79 => '⍓',
        0x7A => '⌘',
        0x7B => '❀',
        0x7C => '✿',
        0x7D => '❝',
        0x7E => '❞',
        0x80 => '⓪',
        0x81..=0x8A => char::from_u32(0x2460 + (b - 0x81))?, // ①–⑩
        0x8B => '⓿',
        0x8C..=0x95 => char::from_u32(0x2776 + (b - 0x8C))?, // ❶–❿
        0x9E => '·',
        0x9F => '•',
        0xA0 => '▪',
        0xA1 => '○',
        0xA4 => '◉',
        0xA5 => '◎',
        0xA7 => '▪',
        0xAA => '✦',
        0xAB => '★',
        0xAC => '✶',
        0xAD => '✴',
        0xAE => '✹',
        0xAF => '✵',
        0xB1 => '⌖',
        0xB2 => '⟡',
        0xB3 => '⌑',
        0xB5 => '✪',
        0xB6 => '✰',
        0xD5 => '⌫',
        0xD6 => '⌦',
        0xD8 => '➢',
        0xDF => '←',
        0xE0 => '→',
        0xE1 => '↑',
        0xE2 => '↓',
        0xE3 => '↖',
        0xE4 => '↗',
        0xE5 => '↙',
        0xE6 => '↘',
        0xE8 => '➔',
        0xEF => '⇦',
        0xF0 => '⇨',
        0xF1 => '⇧',
        0xF2 => '⇩',
        0xF3 => '⬄',
        0xF4 => '⇳',
        0xFB => '✗',
        0xFC => '✓',
        0xFD => '☒',
        0xFE => '☑',
        _ => return None,
    };
    Some(c)
}

/// Wingdings 2: ballot boxes and check marks.
fn wingdings2(b: u32) -> Option<char> {
    let c = match b {
        0x4F => '✗',
        0x50 => '✓',
        0x51 | 0x53 | 0x54 => '☒',
        0x52 => '☑',
        0x97 => '●',
        0x98 | 0x99 => '○',
        0xA2 => '■',
        0xA3 => '□',
        _ => return None,
    };
    Some(c)
}

/// Wingdings 3: arrows and triangles.
fn wingdings3(b: u32) -> Option<char> {
    let c = match b {
        0x5F => '◄',
        0x60 => '►',
        0x70 => '▲',
        0x71 => '▼',
        0x75 => '◄',
        0x76 => '►',
        0xC6 => '⬅',
        0xC7 => '➡',
        0xC8 => '⬆',
        0xC9 => '⬇',
        _ => return None,
    };
    Some(c)
}

/// Webdings: the few marks forms use.
fn webdings(b: u32) -> Option<char> {
    let c = match b {
        0x61 => '✓',
        0x63 => '☐',
        0x67 => '■',
        0x72 => '✗',
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_font_maps_to_greek_and_math() {
        assert_eq!(sym_text("Symbol", 0xF061), "α");
        assert_eq!(sym_text("Symbol", 0xF0DA), "∨");
        assert_eq!(sym_text("Symbol", 0x00DA), "∨");
        assert_eq!(sym_text("Symbol", 0xF0B4), "×");
        assert_eq!(sym_text("Symbol", 0xF0DB), "⇔");
        assert_eq!(sym_text("Symbol", 0xF0E5), "∑");
    }

    #[test]
    fn wingdings_circled_numbers_and_boxes() {
        assert_eq!(sym_text("Wingdings", 0xF081), "①");
        assert_eq!(sym_text("Wingdings", 0xF08A), "⑩");
        assert_eq!(sym_text("Wingdings", 0xF08C), "❶");
        assert_eq!(sym_text("Wingdings", 0xF0A8), "☐");
        assert_eq!(sym_text("Wingdings", 0xF0FE), "☑");
        assert_eq!(sym_text("Wingdings 2", 0xF052), "☑");
        assert_eq!(sym_text("Wingdings 2", 0xF0A3), "□");
    }

    #[test]
    fn unicode_fonts_keep_the_code_point() {
        assert_eq!(sym_text("ＭＳ 明朝", 0x2472), "⑲");
        assert_eq!(sym_text("Segoe UI Symbol", 0x2473), "⑳");
        assert_eq!(sym_text("ＭＳ ゴシック", 0x3251), "㉑");
        assert_eq!(sym_text("Times New Roman", 0xF0B7), "·");
    }

    #[test]
    fn unmapped_private_use_is_dropped() {
        assert_eq!(sym_text("Wingdings", 0xF027), "");
        assert_eq!(sym_text("Private Font", 0xE123), "");
    }
}
