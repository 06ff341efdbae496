//! `AppState`: what every handler shares. Cheap to clone (all `Arc`s), built once at start.

use std::sync::Arc;

use defuse_core::Analyzer;
use defuse_core::coach::Policy;
use defuse_storage::{Role, Store};

use crate::auth::token_cache::TokenCache;
use crate::compute::Compute;
use crate::intake::Links;
use crate::settings::Settings;
use crate::throttle::Throttle;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// Built once: loading the weights per request would dominate the request time.
    pub analyzer: Arc<Analyzer>,
    /// The boundary and promise policy the coaching and the draft check follow.
    pub policy: Arc<Policy>,
    /// The same policy for supervisors and admins: they approve refunds, so no amount is above
    /// what they may promise.
    pub approver_policy: Arc<Policy>,
    pub settings: Arc<Settings>,
    /// Whom recently seen bearer tokens stand for.
    pub tokens: Arc<TokenCache>,
    /// Where analysis and coaching run: never on an async worker.
    pub compute: Compute,
    /// Clients and cases of messages from outside are found or opened one at a time.
    pub links: Arc<Links>,
    /// The webhooks' rate limit, per integration.
    pub hook_throttle: Arc<Throttle>,
}

impl AppState {
    /// `analyzer` is the fast tier, or the fast tier with the embedding model when the caller loaded one.
    pub fn new(store: Arc<dyn Store>, analyzer: Analyzer, settings: Settings) -> AppState {
        let compute = Compute::new(settings.analysis.worker_count(), settings.analysis.queue);
        let hook_throttle = Arc::new(Throttle::new(settings.hooks.rate()));
        AppState {
            compute,
            store,
            analyzer: Arc::new(analyzer),
            policy: Arc::new(Policy::default()),
            approver_policy: Arc::new(approver(Policy::default())),
            settings: Arc::new(settings),
            tokens: Arc::default(),
            links: Arc::default(),
            hook_throttle,
        }
    }

    /// The policy a draft by someone with `role` is checked against.
    pub fn policy_for(&self, role: Role) -> Arc<Policy> {
        match role {
            Role::Agent => Arc::clone(&self.policy),
            Role::Supervisor | Role::Admin => Arc::clone(&self.approver_policy),
        }
    }
}

/// `policy` without a refund limit.
fn approver(policy: Policy) -> Policy {
    Policy {
        max_refund: f64::INFINITY,
        ..policy
    }
}
