use super::*;

#[test]
fn a1_refs() {
    assert_eq!(a1(1, 1), "A1");
    assert_eq!(a1(12, 3), "C12");
    assert_eq!(a1(2, 27), "AA2");
}

#[test]
fn cell_per_line_rows() {
    let doc = text_document(
        "t.txt",
        "見出し\n\t電話番号\n（代表・直通）\n\t03-1\n\n\t次\n\t値\n\n後",
    );
    let l = Layout::build(&doc);
    assert_eq!(l.tables.len(), 1);
    assert_eq!(l.cells.len(), 4);
    assert_eq!(l.cell_text(0), "電話番号\n（代表・直通）");
    assert_eq!(l.right_of(0), Some(1));
    assert_eq!(l.cells[1].loc, Location::line(4));
    assert_eq!(l.cells[2].row, 2);
    assert_eq!(l.below(0), Some(2));
    assert!(
        l.units
            .last()
            .is_some_and(|u| u.cell.is_none() && u.text == "後")
    );
}

#[test]
fn a_label_line_opens_the_tabbed_row_below_it() {
    let doc = text_document(
        "t.txt",
        "（様式２）\n受付番号\n※記載不要\t１２\n\n１．契約件名等\n契約締結日\t令和５年７月３日",
    );
    let l = Layout::build(&doc);
    assert_eq!(l.cell_text(0), "受付番号\n※記載不要");
    assert_eq!(l.cell_text(1), "１２");
    assert_eq!(l.right_of(0), Some(1));
    // A numbered heading stays a paragraph.
    assert_eq!(l.cell_text(2), "契約締結日");
    assert!(
        l.units
            .iter()
            .any(|u| u.text == "１．契約件名等" && u.cell.is_none())
    );
}

#[test]
fn tabbed_rows() {
    let doc = text_document(
        "t.txt",
        "A\tB\tC\n1\t2\n二行目\t3\n続き。\n見出し\n４\t5\t6\n２．次の節",
    );
    let l = Layout::build(&doc);
    assert_eq!(l.cells.len(), 9);
    assert_eq!(l.cell_text(4), "2\n二行目");
    assert_eq!(l.cell_text(5), "3\n続き。");
    assert_eq!((l.cells[5].row, l.cells[5].col), (2, 3));
    assert_eq!(l.cell_text(6), "見出し\n４");
    assert_eq!(l.cells[6].row, 3);
    assert!(
        l.units
            .last()
            .is_some_and(|u| u.cell.is_none() && u.text == "２．次の節")
    );
}

#[test]
fn split_lines_is_split_at_line_breaks() {
    for text in ["", "a", "\n", "a\n", "\nb", "一\n\n二\n", "a\nb\nc"] {
        let want: Vec<&str> = text.split('\n').collect();
        assert_eq!(split_lines(text).collect::<Vec<_>>(), want, "{text:?}");
    }
}
