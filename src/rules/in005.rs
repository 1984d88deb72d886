//! IN005 — 処理の上限を超えた。
//!
//! 何を調べるか: 上限より大きいファイル、圧縮前の大きさが異常に大きい zip の
//! 中身（zip 爆弾）、多すぎる zip の項目、入れ子が深すぎる XML、DOCTYPE や実体
//! 宣言（展開せずに拒否）、セルが多すぎる表。読み取りの段階で出る指摘で、その
//! ファイルはそれ以上処理しません。
//!
//! なぜ問題か: このようなファイルは際限なくメモリや時間を使うか、読み取りを
//! 攻撃するために作られています。本物の様式が上限に近づくことはありません。
//!
//! 例: `word/document.xml` が圧縮時の 1,000 倍に膨らむ `報告書.docx` →
//! 「…圧縮率が異常なため処理を中止しました…」
//!
//! ---
//!
//! IN005 — resource limit hit.
//!
//! What it checks: a file larger than the limit, a zip member that inflates
//! far beyond its compressed size (a zip bomb), too many zip entries, XML
//! nested too deeply, a DOCTYPE or entity declaration (refused, never
//! expanded), a sheet with too many cells. Raised by the readers; the file
//! is not processed further.
//!
//! Why it matters: these files cost unbounded memory or time, or are built
//! to attack the reader. A genuine form is never anywhere near the limits.
//!
//! Example: `報告書.docx` whose `word/document.xml` inflates 1,000 times its
//! compressed size → 「…圧縮率が異常なため処理を中止しました…」
