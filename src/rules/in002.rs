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
