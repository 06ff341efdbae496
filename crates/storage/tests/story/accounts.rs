//! Chapter one: users, teams, tokens, sessions and login attempts.

use defuse_storage::{
    LoginAttempt, LoginFailures, NewApiToken, NewPassword, NewUser, Paging, Role, Session, Store,
    Team, User, UserChanges,
};

use super::{at, invalid_field, is_conflict, is_not_found};

/// The people and teams the later chapters use.
pub struct Cast {
    pub alice: User,
    pub bob: User,
    pub sue: User,
    pub front: Team,
    pub billing: Team,
}

fn new_user(username: &str, role: Role) -> NewUser {
    NewUser {
        username: username.into(),
        display_name: username.to_uppercase(),
        role,
        password_hash: format!("$argon2id$hash-of-{username}"),
    }
}

pub async fn story(store: &dyn Store) -> Cast {
    assert_eq!(store.count_users().await.unwrap(), 0);
    let admin = store
        .create_user(new_user("admin", Role::Admin))
        .await
        .unwrap();
    let alice = store
        .create_user(new_user("alice", Role::Agent))
        .await
        .unwrap();
    let bob = store
        .create_user(new_user("bob", Role::Agent))
        .await
        .unwrap();
    let sue = store
        .create_user(new_user("sue", Role::Supervisor))
        .await
        .unwrap();
    assert_eq!(store.count_users().await.unwrap(), 4);
    assert_eq!(alice.role, Role::Agent);
    assert_eq!(alice.display_name, "ALICE");

    // Names are unique and required; lookups find exactly what was stored.
    assert!(is_conflict(
        store.create_user(new_user("alice", Role::Admin)).await
    ));
    assert_eq!(
        invalid_field(store.create_user(new_user(" ", Role::Agent)).await),
        Some("username")
    );
    assert_eq!(store.user(bob.id).await.unwrap(), bob);
    assert_eq!(store.user_by_username("sue").await.unwrap(), sue);
    assert!(is_not_found(store.user_by_username("Sue").await));
    assert!(is_not_found(store.user(9_999).await));

    let changes = UserChanges {
        display_name: Some("Bob B.".into()),
        role: None,
    };
    let bob = store.update_user(bob.id, changes).await.unwrap();
    assert_eq!(
        (bob.display_name.as_str(), bob.role),
        ("Bob B.", Role::Agent)
    );
    assert!(is_not_found(
        store.update_user(9_999, UserChanges::default()).await
    ));

    // Users list by name, a page at a time, with the total.
    let page = store.list_users(Paging::new(2, 1).unwrap()).await.unwrap();
    assert_eq!(page.total, 4);
    let names: Vec<_> = page.items.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["alice", "bob"]);
    assert_eq!(invalid_field(Paging::new(0, 0)), Some("limit"));
    assert_eq!(invalid_field(Paging::new(10, -1)), Some("offset"));

    // Teams and who is in them.
    let front = store.create_team("Front desk").await.unwrap();
    let billing = store.create_team("Billing").await.unwrap();
    assert!(is_conflict(store.create_team("Billing").await));
    store.add_team_member(front.id, alice.id).await.unwrap();
    store.add_team_member(front.id, sue.id).await.unwrap();
    store.add_team_member(billing.id, bob.id).await.unwrap();
    store.add_team_member(billing.id, sue.id).await.unwrap();
    assert!(is_conflict(store.add_team_member(front.id, alice.id).await));
    assert_eq!(
        invalid_field(store.add_team_member(front.id, 9_999).await),
        Some("reference")
    );
    assert_eq!(
        store.user_team_ids(sue.id).await.unwrap(),
        [front.id, billing.id]
    );
    assert_eq!(store.user_team_ids(alice.id).await.unwrap(), [front.id]);
    assert!(store.user_team_ids(admin.id).await.unwrap().is_empty());
    store.add_team_member(billing.id, alice.id).await.unwrap();
    store
        .remove_team_member(billing.id, alice.id)
        .await
        .unwrap();
    assert!(is_not_found(
        store.remove_team_member(billing.id, alice.id).await
    ));
    let members = store.team_members(front.id).await.unwrap();
    assert_eq!(
        members.iter().map(|u| u.id).collect::<Vec<_>>(),
        [alice.id, sue.id]
    );
    assert_eq!(store.list_teams(Paging::default()).await.unwrap().total, 2);
    let spare = store.create_team("Spare").await.unwrap();
    store.delete_team(spare.id).await.unwrap();
    assert!(is_not_found(store.team(spare.id).await));
    assert_eq!(store.team(front.id).await.unwrap(), front);

    tokens(store, &alice).await;
    sessions(store, &alice).await;
    logins(store).await;
    Cast {
        alice,
        bob,
        sue,
        front,
        billing,
    }
}

async fn tokens(store: &dyn Store, alice: &User) {
    let token = store
        .create_api_token(NewApiToken {
            user_id: alice.id,
            name: "crm".into(),
            token_hash: "hash-1".into(),
            expires_at: None,
        })
        .await
        .unwrap();
    assert_eq!(store.active_api_token("hash-1").await.unwrap(), token);
    assert!(
        token.usable_at(at(1_000_000)),
        "no end: usable until revoked"
    );
    let ending = store
        .create_api_token(NewApiToken {
            user_id: alice.id,
            name: "for a day".into(),
            token_hash: "hash-ending".into(),
            expires_at: Some(at(60)),
        })
        .await
        .unwrap();
    assert_eq!(ending.expires_at, Some(at(60)), "the end time is kept");
    assert!(ending.usable_at(at(59)) && !ending.usable_at(at(60)));
    assert!(is_not_found(store.active_api_token("hash-2").await));
    let twin = NewApiToken {
        user_id: alice.id,
        name: "twin".into(),
        token_hash: "hash-1".into(),
        expires_at: None,
    };
    assert!(is_conflict(store.create_api_token(twin).await));

    let revoked = store.revoke_api_token(token.id, at(5)).await.unwrap();
    assert_eq!(revoked.revoked_at, Some(at(5)));
    assert_eq!(
        store
            .revoke_api_token(token.id, at(9))
            .await
            .unwrap()
            .revoked_at,
        Some(at(5))
    );
    assert!(is_not_found(store.active_api_token("hash-1").await));
    assert_eq!(
        store.list_api_tokens(alice.id).await.unwrap(),
        [revoked, ending]
    );
    assert!(is_not_found(store.revoke_api_token(9_999, at(5)).await));
}

async fn sessions(store: &dyn Store, alice: &User) {
    let session = |id: &str, expires: i64| Session {
        id_hash: id.into(),
        user_id: alice.id,
        csrf_token: format!("csrf-{id}"),
        created_at: at(0),
        expires_at: at(expires),
    };
    store.create_session(session("s1", 60)).await.unwrap();
    store.create_session(session("s2", 60)).await.unwrap();
    store.create_session(session("old", 10)).await.unwrap();
    assert!(is_conflict(store.create_session(session("s1", 60)).await));
    assert_eq!(
        store.session("s1", at(30)).await.unwrap(),
        session("s1", 60)
    );
    assert!(
        is_not_found(store.session("s1", at(60)).await),
        "expired at its end"
    );
    assert!(is_not_found(store.session("nope", at(0)).await));
    assert_eq!(store.purge_expired_sessions(at(30)).await.unwrap(), 1);

    store.delete_session("s2").await.unwrap();
    assert!(is_not_found(store.delete_session("s2").await));

    // A new password ends every other session of the user and revokes their tokens.
    store.create_session(session("s4", 60)).await.unwrap();
    let token = |hash: &str| NewApiToken {
        user_id: alice.id,
        name: "script".into(),
        token_hash: hash.into(),
        expires_at: None,
    };
    store.create_api_token(token("hash-live")).await.unwrap();
    let change = |user_id, keep: Option<&str>| NewPassword {
        user_id,
        password_hash: "$argon2id$new".into(),
        keep_session: keep.map(str::to_owned),
        at: at(20),
    };
    store
        .set_password_hash(change(alice.id, Some("s4")))
        .await
        .unwrap();
    assert!(is_not_found(store.session("s1", at(30)).await));
    assert!(
        store.session("s4", at(30)).await.is_ok(),
        "the changing session stays"
    );
    assert!(is_not_found(store.active_api_token("hash-live").await));
    assert_eq!(
        store.user(alice.id).await.unwrap().password_hash,
        "$argon2id$new"
    );
    assert!(is_not_found(
        store.set_password_hash(change(9_999, None)).await
    ));
    store.create_session(session("s3", 60)).await.unwrap();
    store
        .set_password_hash(change(alice.id, None))
        .await
        .unwrap();
    assert!(is_not_found(store.session("s4", at(30)).await));
    store.create_session(session("s3", 60)).await.unwrap();
    assert_eq!(store.delete_user_sessions(alice.id).await.unwrap(), 1);
}

async fn logins(store: &dyn Store) {
    let attempt = |username: &str, address: &str, succeeded: bool, minute: i64| LoginAttempt {
        username: username.into(),
        address: address.into(),
        succeeded,
        at: at(minute),
    };
    for minute in [1, 2, 3] {
        store
            .record_login_attempt(attempt("alice", "10.0.0.1", false, minute))
            .await
            .unwrap();
    }
    store
        .record_login_attempt(attempt("alice", "10.0.0.1", true, 4))
        .await
        .unwrap();
    store
        .record_login_attempt(attempt("mallory", "10.0.0.9", false, 4))
        .await
        .unwrap();
    store
        .record_login_attempt(attempt("alice", "10.0.0.9", false, 5))
        .await
        .unwrap();

    let counted = |f: LoginFailures| {
        (
            f.by_account_and_address,
            f.last_by_account_and_address,
            f.by_address,
        )
    };
    let failures = store
        .login_failures("alice", "10.0.0.9", at(2))
        .await
        .unwrap();
    assert_eq!(counted(failures), (1, Some(at(5)), 2));
    let failures = store
        .login_failures("alice", "10.0.0.1", at(0))
        .await
        .unwrap();
    assert_eq!(
        counted(failures),
        (0, None, 3),
        "a success from the address clears the account's failures there"
    );
    assert_eq!(store.purge_login_attempts(at(4)).await.unwrap(), 3);
    let failures = store
        .login_failures("nobody", "10.0.0.1", at(0))
        .await
        .unwrap();
    assert_eq!(counted(failures), (0, None, 0));
    let failures = store
        .login_failures("alice", "10.0.0.9", at(0))
        .await
        .unwrap();
    assert_eq!(counted(failures), (1, Some(at(5)), 2));
}
