//! The sign-in page. The form posts to the API's `/auth/login`, which sets the session cookie.

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::layout;
use crate::auth::authenticate;
use crate::state::AppState;

/// Shows the form, or goes to the inbox when a valid session is already there.
pub async fn page(
    axum::extract::State(state): axum::extract::State<AppState>,
    headers: HeaderMap,
) -> Response {
    if let Ok(Some(_)) = authenticate(&headers, &state).await {
        return Redirect::to("/").into_response();
    }
    layout::shell(
        "Sign in",
        "",
        html! {
            main id="main" .signin {
                h1 { "defuse" }
                p.muted { "Support for difficult conversations." }
                form.card data-api="/api/v1/auth/login" data-then="/" {
                    label for="username" { "Username" }
                    input id="username" name="username" autocomplete="username" required autofocus;
                    label for="password" { "Password" }
                    input id="password" name="password" type="password" autocomplete="current-password" required;
                    p.form-error role="alert" {}
                    button.primary type="submit" { "Sign in" }
                }
            }
        },
    )
    .into_response()
}
