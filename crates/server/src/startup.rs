//! Building the application and running it: [`app`] for tests that call it in-process,
//! [`launch`] for a bound listener and a shutdown signal, [`prepare`] for what `serve` does first.

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use axum::routing::get;
use defuse_core::Analyzer;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;

use crate::accounts;
use crate::edge;
use crate::error::log_server_errors;
use crate::idempotency;
use crate::imap;
use crate::routes;
use crate::settings::Settings;
use crate::state::AppState;
use crate::{jobs, scheduler};

/// What `defuse serve` needs to say once it is ready.
pub struct Prepared {
    pub state: AppState,
    /// Set on the first start of an empty database: the `admin` password, to print once.
    pub first_admin_password: Option<String>,
}

/// The whole HTTP application: the API under `/api/v1`, its OpenAPI document at
/// `/api/v1/openapi.json`, and `/health`.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = OpenApiRouter::new()
        .nest("/api/v1", routes::api())
        .split_for_parts();
    api.route(
        "/api/v1/openapi.json",
        get(move || async move { axum::Json(openapi) }),
    )
    .route("/health", get(health))
    .merge(crate::pages::router(&state))
    .layer(axum::middleware::from_fn_with_state(
        state.clone(),
        idempotency::idempotent,
    ))
    .layer(axum::middleware::from_fn(edge::refuse_nul))
    .layer(axum::middleware::from_fn(edge::every_response))
    .layer(axum::middleware::from_fn(log_server_errors))
    .layer(TraceLayer::new_for_http())
    .with_state(state)
}

/// Serves `state` on `listener`, with upkeep and the `[[mail.imap]]` readers beside it, until
/// `shutdown` completes, then finishes the requests in flight.
pub async fn launch(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    state.settings.helpdesk.check()?;
    let upkeep = tokio::spawn(scheduler::run(state.clone(), scheduler::EVERY));
    let mailboxes = imap::spawn_all(&state);
    let worker = jobs::Worker::new(state.store.clone(), state.settings.clone())?;
    let jobs = tokio::spawn(jobs::run(worker));
    let router = app(state);
    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    upkeep.abort();
    mailboxes.iter().for_each(JoinHandle::abort);
    jobs.abort();
    Ok(served?)
}

/// Connects to the database of `settings` (running its migrations) and creates the first admin
/// on an empty one.
pub async fn prepare(settings: Settings, analyzer: Analyzer) -> anyhow::Result<Prepared> {
    std::fs::create_dir_all(&settings.data_dir).map_err(|e| {
        anyhow::anyhow!(
            "creating the data directory {}: {e}",
            settings.data_dir.display()
        )
    })?;
    let store = defuse_storage::connect(&settings.database_url()).await?;
    let first_admin_password = accounts::ensure_first_admin(store.as_ref())
        .await
        .map_err(|e| anyhow::anyhow!("creating the first admin: {e}"))?;
    Ok(Prepared {
        state: AppState::new(store, analyzer, settings),
        first_admin_password,
    })
}

/// Answers 200 while the database answers.
async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> axum::http::StatusCode {
    match state.store.ping().await {
        Ok(()) => axum::http::StatusCode::OK,
        Err(e) => {
            tracing::error!(error = ?e, "health check failed");
            axum::http::StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

/// Completes on Ctrl-C or SIGTERM, for [`launch`]'s graceful shutdown.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = ?e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => drop(s.recv().await),
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Logs to stderr at `RUST_LOG` (default: info for defuse, warnings for the rest).
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("warn,defuse_server=info,defuse_storage=info")
    });
    // Colours only for a person at a terminal: a log file or a journal gets plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .try_init();
}
