//! `yoshiki serve [--host H] [--port P] [--open] [--token T]`: the
//! self-check page on this machine. Binds 127.0.0.1 unless told otherwise;
//! on another address a token is required (generated when not given) and
//! the address printed with it.

use super::{Global, t};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use yoshiki::check::CheckOptions;
use yoshiki::config::Config;
use yoshiki::serve::{ServeOptions, run};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (127.0.0.1: only this computer).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Port (0 picks a free one).
    #[arg(long, default_value_t = 8737)]
    pub port: u16,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Require this token on every request (required, and generated when
    /// not given, on any address but 127.0.0.1).
    #[arg(long)]
    pub token: Option<String>,
    /// Largest upload at once, in MB.
    #[arg(long, default_value_t = 200)]
    pub max_upload_mb: usize,
    /// Use this config (call title, cap, rule levels) for every check.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Check as of this date (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::as_of_date)]
    pub as_of: Option<chrono::NaiveDate>,
}

/// A token nobody can guess from outside: the std hasher's random keys.
fn new_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::new();
    for i in 0..2u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

fn open_browser(url: &str) {
    let mut cmd = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let _ = cmd.arg(url).spawn();
}

pub fn run_serve(args: &Args, g: &Global) -> ExitCode {
    let mut check = CheckOptions::default();
    if let Some(d) = args.as_of {
        check.as_of = d;
    }
    if let Some(p) = &args.config {
        match Config::load(p) {
            Ok(c) => check.config = Some(c),
            Err(e) => {
                eprintln!("yoshiki serve: {}", t(g, &e.message_ja(), &e.to_string()));
                return ExitCode::from(2);
            }
        }
    }
    let token = match (&args.token, args.host.is_loopback()) {
        (Some(t), _) => Some(t.clone()),
        (None, true) => None,
        (None, false) => Some(new_token()),
    };
    if !args.host.is_loopback() {
        eprintln!(
            "yoshiki serve: {}",
            t(
                g,
                "注意: このパソコン以外からも開けるアドレスで待ち受けます。表示したアドレス（token 付き）を知る人だけが使えます。",
                "warning: listening on an address other computers can reach; only those with the printed address (with its token) can use it.",
            )
        );
    }
    let options = ServeOptions {
        check,
        max_upload: args.max_upload_mb.saturating_mul(1024 * 1024),
        parallel: std::thread::available_parallelism().map_or(2, |n| n.get()),
        token: token.clone(),
    };
    let open = args.open;
    let lang = g.lang;
    let result = run(
        SocketAddr::new(args.host, args.port),
        options,
        move |bound| {
            let mut url = format!("http://{bound}/");
            if let Some(t) = &token {
                url.push_str(&format!("?token={t}"));
            }
            match lang {
                yoshiki::diag::Lang::Ja => {
                    println!("yoshiki serve: {url} をブラウザで開いてください（終了は Ctrl+C）")
                }
                yoshiki::diag::Lang::En => {
                    println!("yoshiki serve: open {url} in a browser (Ctrl+C to stop)")
                }
            }
            use std::io::Write;
            let _ = std::io::stdout().flush();
            if open {
                open_browser(&url);
            }
        },
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "yoshiki serve: {}",
                t(g, &format!("開始できません: {e}"), &e.to_string())
            );
            ExitCode::from(2)
        }
    }
}
