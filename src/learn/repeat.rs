//! Repeated blank copies of one form in one file (a sheet holding the same
//! 診断書 four times, one page per copy): they are one form to fill, so only
//! the first copy is learned.

/// The length of the first copy: the units up to where the form starts
/// again (its title found again, with the same units around it), or all of
/// them.
pub fn first_copy(texts: &[String], title_at: usize) -> usize {
    let title = texts[title_at].trim();
    let Some(j) = (title_at + 1..texts.len()).find(|&j| texts[j].trim() == title) else {
        return texts.len();
    };
    let d = j - title_at;
    // The copy must repeat: most of the units after the title come again.
    let span = d.min(texts.len() - j);
    let same = (0..span)
        .filter(|&k| texts[title_at + k].trim() == texts[j + k].trim())
        .count();
    if span < 2 || same * 5 < span * 4 {
        return texts.len();
    }
    // Where the first copy starts: the units before the title that also
    // come before the repeated title.
    let mut s = title_at;
    while s > 0 && texts[s - 1].trim() == texts[s - 1 + d].trim() {
        s -= 1;
    }
    s + d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_second_copy_is_cut_with_its_heading() {
        let t = v(&[
            "用",
            "診断書",
            "氏名",
            "病名",
            "用",
            "診断書",
            "氏名",
            "病名",
        ]);
        assert_eq!(first_copy(&t, 1), 4);
    }

    #[test]
    fn a_title_quoted_again_is_not_a_copy() {
        let t = v(&["申請書", "氏名", "住所", "電話", "備考", "申請書", "注意"]);
        assert_eq!(first_copy(&t, 0), t.len());
        let t = v(&["申請書", "氏名", "住所"]);
        assert_eq!(first_copy(&t, 0), 3);
    }
}
