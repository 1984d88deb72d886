//! IN002 — パスワードで保護（暗号化）されている。
//!
//! 何を調べるか: 開くためのパスワードを付けて保存した Office ファイル
//! （`EncryptedPackage` を持つ OLE2 形式）か、提出された .zip の中の暗号化
//! されたファイルか。読み取りの段階で出る指摘です。
//!
//! なぜ問題か: 中身を確認できず、受け取った担当者は別の手段でパスワードを
//! 聞かなければなりません。開くためのパスワードは付けずに提出してください
//! （守るなら送り方の方で）。
//!
//! 例: 「ファイル→情報→文書の保護→パスワードを使用して暗号化」で保存した
//! `企画提案書.docx` →
//! 「ファイルがパスワードで保護（暗号化）されているため確認できません。」
//!
//! ---
//!
//! IN002 — file is password-protected / encrypted.
//!
//! What it checks: whether the file is an Office file saved with a password
//! to open (an OLE2 container holding `EncryptedPackage`), or an encrypted
//! member of a submission `.zip`. Raised by the readers.
//!
//! Why it matters: the content cannot be checked, and an official receiving
//! it must ask for the password through another channel. Submit the file
//! without a password to open (protect the transfer instead).
//!
//! Example: `企画提案書.docx` saved with 「ファイル→情報→文書の保護→パスワードを使用して暗号化」 →
//! 「ファイルがパスワードで保護（暗号化）されているため確認できません。」
