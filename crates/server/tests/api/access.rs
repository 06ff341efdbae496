//! Every route against every role, for records inside and outside the caller's teams.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Person, World, spawn_apps};

/// Who may call a route.
#[derive(Debug, Clone, Copy)]
enum Gate {
    /// Any signed-in user.
    Anyone,
    /// Agents and supervisors inside their teams; admins everywhere.
    Team,
    /// Supervisors and admins.
    Supervisor,
    /// Admins only.
    Admin,
}

struct Route {
    method: Method,
    /// `{case}`, `{team}`, `{client}`, `{admin}` and `{who}` are filled in per call.
    path: &'static str,
    body: Option<Value>,
    ok: u16,
    gate: Gate,
}

fn route(method: Method, path: &'static str, body: Option<Value>, ok: u16, gate: Gate) -> Route {
    Route {
        method,
        path,
        body,
        ok,
        gate,
    }
}

fn routes() -> Vec<Route> {
    use Gate::*;
    let get = Method::GET;
    let post = Method::POST;
    vec![
        route(get.clone(), "/api/v1/cases/{case}", None, 200, Team),
        route(
            Method::PATCH,
            "/api/v1/cases/{case}",
            Some(json!({"subject": "Charged twice in March"})),
            200,
            Team,
        ),
        route(
            get.clone(),
            "/api/v1/cases/{case}/messages",
            None,
            200,
            Team,
        ),
        route(
            post.clone(),
            "/api/v1/cases/{case}/messages/inbound",
            Some(json!({"body": "This is the third time I write. Where is my refund?"})),
            201,
            Team,
        ),
        route(
            post.clone(),
            "/api/v1/cases/{case}/messages/outbound",
            Some(json!({"body": "I understand. I will call you back tomorrow at 10am."})),
            201,
            Team,
        ),
        route(
            post.clone(),
            "/api/v1/cases/{case}/notes",
            Some(json!({"body": "Client prefers email."})),
            201,
            Team,
        ),
        route(
            get.clone(),
            "/api/v1/cases/{case}/boundary-events",
            None,
            200,
            Team,
        ),
        route(
            post.clone(),
            "/api/v1/cases/{case}/boundary-events",
            Some(json!({"step": 1})),
            201,
            Team,
        ),
        route(
            get.clone(),
            "/api/v1/cases/{case}/escalations",
            None,
            200,
            Team,
        ),
        route(
            post.clone(),
            "/api/v1/cases/{case}/escalations",
            Some(json!({"to_user_id": "{admin}", "reason": "threatens to sue"})),
            201,
            Team,
        ),
        route(
            get.clone(),
            "/api/v1/cases/{case}/agreed-actions",
            None,
            200,
            Team,
        ),
        route(
            post.clone(),
            "/api/v1/cases/{case}/agreed-actions",
            Some(json!({"text": "Refund the second charge"})),
            201,
            Team,
        ),
        route(
            get.clone(),
            "/api/v1/cases/{case}/follow-ups",
            None,
            200,
            Team,
        ),
        route(
            post.clone(),
            "/api/v1/cases/{case}/follow-ups",
            Some(json!({"what": "Check the refund landed"})),
            201,
            Team,
        ),
        route(
            Method::PUT,
            "/api/v1/cases/{case}/documentation",
            Some(json!({"concerns": "double charge"})),
            200,
            Team,
        ),
        route(
            get.clone(),
            "/api/v1/cases/{case}/documentation",
            None,
            200,
            Team,
        ),
        route(
            get.clone(),
            "/api/v1/cases/{case}/reflection",
            None,
            404,
            Team,
        ),
        route(
            post.clone(),
            "/api/v1/cases",
            Some(json!({"client_id": "{client}", "subject": "Another", "team_id": "{team}"})),
            201,
            Team,
        ),
        route(
            get.clone(),
            "/api/v1/reports?team_id={team}",
            None,
            200,
            Team,
        ),
        route(get.clone(), "/api/v1/cases", None, 200, Anyone),
        route(get.clone(), "/api/v1/clients", None, 200, Anyone),
        route(get.clone(), "/api/v1/clients/{client}", None, 200, Anyone),
        route(
            get.clone(),
            "/api/v1/clients/{client}/brief",
            None,
            200,
            Anyone,
        ),
        route(get.clone(), "/api/v1/teams", None, 200, Anyone),
        route(
            get.clone(),
            "/api/v1/follow-ups?view=team&when=all",
            None,
            200,
            Anyone,
        ),
        route(get.clone(), "/api/v1/escalations", None, 200, Anyone),
        route(get.clone(), "/api/v1/tokens", None, 200, Anyone),
        route(get.clone(), "/api/v1/auth/me", None, 200, Anyone),
        route(
            post.clone(),
            "/api/v1/analyze",
            Some(json!({"text": "You are useless!"})),
            200,
            Anyone,
        ),
        route(
            post.clone(),
            "/api/v1/coach",
            Some(json!({"turns": [{"role": "client", "text": "Nobody answers me."}]})),
            200,
            Anyone,
        ),
        route(
            post.clone(),
            "/api/v1/check-reply",
            Some(json!({"draft": "Calm down.", "turns": []})),
            200,
            Anyone,
        ),
        route(get.clone(), "/api/v1/audit", None, 200, Supervisor),
        route(get.clone(), "/api/v1/reports", None, 200, Anyone),
        route(get.clone(), "/api/v1/reports/coaching", None, 200, Anyone),
        route(get.clone(), "/api/v1/users", None, 200, Admin),
        route(
            post.clone(),
            "/api/v1/teams",
            Some(json!({"name": "Team {case}-{team}-{who}"})),
            201,
            Admin,
        ),
    ]
}

/// What `who` should get from `r` when the record is inside (`inside`) or outside their teams.
fn expected(r: &Route, role: &str, inside: bool) -> u16 {
    let allowed = match (r.gate, role) {
        (Gate::Anyone, _) | (_, "admin") => true,
        (Gate::Team, _) => inside,
        (Gate::Supervisor, "supervisor") => true,
        _ => false,
    };
    if allowed { r.ok } else { 403 }
}

fn fill(text: &str, world: &World, inside: bool, who: &str) -> String {
    let (case, team) = if inside {
        (world.case_a, world.team_a)
    } else {
        (world.case_b, world.team_b)
    };
    text.replace("{case}", &case.to_string())
        .replace("{team}", &team.to_string())
        .replace("{client}", &world.client.to_string())
        .replace("{admin}", &world.admin.id.to_string())
        .replace("{who}", who)
}

/// Numbers written as `"{x}"` in a body become JSON numbers once filled.
fn fill_body(body: &Value, world: &World, inside: bool, who: &str) -> Value {
    let text = fill(&body.to_string(), world, inside, who);
    let mut value: Value = serde_json::from_str(&text).unwrap();
    if let Some(map) = value.as_object_mut() {
        for v in map.values_mut() {
            if let Some(n) = v.as_str().and_then(|s| s.parse::<i64>().ok()) {
                *v = json!(n);
            }
        }
    }
    value
}

#[tokio::test]
async fn every_route_for_every_role_inside_and_outside_its_teams() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let people: [(&str, &Person); 3] = [
            ("agent", &world.agent),
            ("supervisor", &world.supervisor),
            ("admin", &world.admin),
        ];
        let mut failures = Vec::new();
        for r in routes() {
            for (role, person) in people {
                for inside in [true, false] {
                    let path = fill(r.path, &world, inside, role);
                    let body = r
                        .body
                        .as_ref()
                        .map(|b| fill_body(b, &world, inside, &format!("{role}{inside}")));
                    let got = app.call(r.method.clone(), &path, &person.token, body).await;
                    let want = expected(&r, role, inside);
                    if got.status.as_u16() != want {
                        failures.push(format!(
                            "{} {} {path} as {role} (inside: {inside}): got {} want {want}: {}",
                            app.backend, r.method, got.status, got.body
                        ));
                    }
                }
            }
            let anonymous = app
                .call(
                    r.method.clone(),
                    &fill(r.path, &world, true, "anon"),
                    "",
                    r.body.clone(),
                )
                .await;
            if anonymous.status != StatusCode::UNAUTHORIZED {
                failures.push(format!(
                    "{} {} {} without credentials: got {}",
                    app.backend, r.method, r.path, anonymous.status
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} mismatches:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

#[tokio::test]
async fn lists_hold_only_the_callers_teams() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let ids = |body: &Value| -> Vec<i64> {
            body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_i64().unwrap())
                .collect()
        };
        let agent = app
            .call(Method::GET, "/api/v1/cases", &world.agent.token, None)
            .await;
        assert_eq!(ids(&agent.body), vec![world.case_a], "{}", app.backend);
        let other = app
            .call(Method::GET, "/api/v1/cases", &world.other_agent.token, None)
            .await;
        assert_eq!(ids(&other.body), vec![world.case_b]);
        let admin = app
            .call(Method::GET, "/api/v1/cases", &world.admin.token, None)
            .await;
        assert_eq!(admin.body["total"], 2);
        let brief = app
            .call(
                Method::GET,
                &format!("/api/v1/clients/{}/brief", world.client),
                &world.agent.token,
                None,
            )
            .await;
        let brief_cases: Vec<i64> = brief.body["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert_eq!(
            brief_cases,
            vec![world.case_a],
            "the brief hides other teams' cases"
        );
    }
}

#[tokio::test]
async fn a_supervisor_sees_a_case_escalated_to_them_from_another_team() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        let path = format!("/api/v1/cases/{}", world.case_b);
        assert_eq!(
            app.call(Method::GET, &path, &world.supervisor.token, None)
                .await
                .status,
            403
        );
        let escalate = json!({"to_user_id": world.supervisor.id, "reason": "abusive again"});
        let made = app
            .call(
                Method::POST,
                &format!("{path}/escalations"),
                &world.other_agent.token,
                Some(escalate),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let seen = app
            .call(Method::GET, &path, &world.supervisor.token, None)
            .await;
        assert_eq!(seen.status, 200);
        assert_eq!(seen.body["status"], "escalated");
        let mine = app
            .call(
                Method::GET,
                "/api/v1/escalations",
                &world.supervisor.token,
                None,
            )
            .await;
        assert_eq!(mine.body["total"], 1);
    }
}

#[tokio::test]
async fn refusals_are_audited() {
    for app in spawn_apps().await {
        let world = World::build(app.store.as_ref()).await;
        app.call(
            Method::GET,
            &format!("/api/v1/cases/{}", world.case_b),
            &world.agent.token,
            None,
        )
        .await;
        app.call(Method::GET, "/api/v1/users", &world.agent.token, None)
            .await;
        let log = app
            .call(
                Method::GET,
                "/api/v1/audit?action=refused",
                &world.admin.token,
                None,
            )
            .await;
        let kinds: Vec<&str> = log.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["record_kind"].as_str().unwrap())
            .collect();
        assert!(
            kinds.contains(&"case") && kinds.contains(&"user"),
            "{kinds:?}"
        );
        assert!(
            log.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["actor_id"] == world.agent.id)
        );
    }
}
