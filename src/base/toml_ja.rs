//! TOML / serde error messages in Japanese, shared by the config file and
//! the form definitions (both are TOML a person writes by hand).

/// A TOML / serde message in Japanese when it is one of serde's known
/// shapes (a value of the wrong type, an unknown choice, a missing or
/// doubled key); None for any other message.
pub fn toml_said_ja(message: &str) -> Option<String> {
    let known = [
        "invalid type",
        "unknown variant",
        "missing field",
        "duplicate key",
    ];
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or("");
        return Some(format!(
            "`{key}` という項目はありません。綴りを確かめてください。"
        ));
    }
    known
        .iter()
        .any(|k| message.starts_with(k))
        .then(|| toml_message_ja(message, None))
}

/// A TOML / serde message in Japanese: what is wrong with the value and
/// what to write (the library's words stay in the English message).
pub fn toml_message_ja(message: &str, key: Option<String>) -> String {
    let key = key
        .filter(|k| !k.is_empty() && !k.starts_with('['))
        .map(|k| format!("{k} の"))
        .unwrap_or_default();
    let expected = |what: &str| message.contains(&format!("expected {what}"));
    if message.starts_with("invalid type") {
        let write = if expected("a string") {
            "文字列（\"…\" のように引用符で囲む）"
        } else if expected("i64") || expected("u64") || expected("usize") || expected("an integer")
        {
            "整数（例: 50000000）"
        } else if expected("f64") || expected("a float") {
            "数（例: 0.10）"
        } else if expected("a boolean") {
            "true または false"
        } else if expected("a sequence") {
            "一覧（例: [\"a\", \"b\"]）"
        } else if expected("a map") || expected("struct") {
            "表（[名前] の下に 項目 = 値）"
        } else {
            "正しい種類の値"
        };
        return format!("{key}値の種類が違います。{write}を書いてください。");
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or("");
        let allowed = rest
            .split_once("expected ")
            .map(|(_, a)| a.replace("one of ", "").replace('`', ""))
            .unwrap_or_default();
        return format!("{key}値 '{value}' は使えません。{allowed} のどれかを書いてください。");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        return format!("{field} がありません。書き足してください。");
    }
    if message.starts_with("duplicate key") {
        return format!("{key}項目が二度書かれています。一つにしてください。");
    }
    "TOML の書き方が正しくありません。引用符・括弧・「=」の対応を確かめてください。".to_string()
}
