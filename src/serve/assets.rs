//! The page, embedded in the binary: nothing is fetched from elsewhere, and
//! it works with the network unplugged.

pub const INDEX: &str = include_str!("../../page/index.html");
pub const APP_JS: &str = include_str!("../../page/app.js");
pub const STYLE: &str = include_str!("../../page/style.css");
