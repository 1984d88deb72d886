//! `yoshiki serve`: the self-check page on this machine. The page (HTML,
//! CSS, JS embedded in the binary, nothing loaded from elsewhere) sends
//! the chosen files to this server, which checks them in memory with the
//! same engine as `yoshiki check` ([`crate::check::check_memory`]) and
//! answers the same JSON. Nothing is written to disk; each request sees
//! only its own files.
//!
//! Built on axum over tokio (the de-facto Rust HTTP stack, well kept, with
//! multipart and body limits built in); checks run on tokio's blocking
//! pool, at most `parallel` at a time, so memory stays bounded whatever
//! the number of uploads.

mod api;
mod assets;

use crate::check::CheckOptions;
use std::net::SocketAddr;
use std::sync::Arc;

/// How the server runs.
#[derive(Clone)]
pub struct ServeOptions {
    /// Check options (config, as-of date, limits, form definitions).
    pub check: CheckOptions,
    /// Largest request body accepted, in bytes (413 above it).
    pub max_upload: usize,
    /// Checks run at once.
    pub parallel: usize,
    /// When set, every request must carry it (`X-Yoshiki-Token` header or
    /// `token=` in the query).
    pub token: Option<String>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("server runtime: {0}")]
    Runtime(#[source] std::io::Error),
}

/// Shared by the handlers.
pub(crate) struct State {
    pub options: ServeOptions,
    pub slots: tokio::sync::Semaphore,
}

/// Bind `addr` and serve until the process ends; `on_ready` is called with
/// the bound address (port 0 picks a free one) before the first request.
pub fn run(
    addr: SocketAddr,
    options: ServeOptions,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: addr.to_string(),
                source,
            })?;
        let bound = listener.local_addr().map_err(ServeError::Runtime)?;
        let state = Arc::new(State {
            slots: tokio::sync::Semaphore::new(options.parallel.max(1)),
            options,
        });
        on_ready(bound);
        axum::serve(listener, api::router(state))
            .await
            .map_err(ServeError::Runtime)
    })
}
