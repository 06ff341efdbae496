//! Chapter six: retries. An idempotency key is claimed once, keeps its first answer, can be
//! released by a failure, is taken over when abandoned and purged when old; a message's
//! external id is unique per case; keys of other systems lead to one case or client each, and
//! a message that came in keeps how it came in, written with it; a polled IMAP folder's position
//! is kept per mailbox and folder and replaced as reading goes on.

use chrono::Duration;
use defuse_storage::{
    ClientFields, Direction, JobFilter, KeyClaim, LinkKind, MailboxPosition, MessageEffects,
    NewCase, NewHelpdeskNote, NewMessage, NewMessageSource, Paging, Store,
};

use super::accounts::Cast;
use super::cases::Cases;
use super::{at, is_conflict};

pub async fn story(store: &dyn Store, cast: &Cast, cases: &Cases) {
    keys(store, cast).await;
    external_ids(store, cases).await;
    links(store, cases).await;
    linked_openings(store, cases).await;
    mailbox_positions(store).await;
}

async fn keys(store: &dyn Store, cast: &Cast) {
    let (alice, bob) = (cast.alice.id, cast.bob.id);
    let long_ago = at(-1000);
    let claim = |user, key: &'static str, hash: &'static str, minute| {
        store.claim_idempotency_key(user, key, hash, at(minute), long_ago)
    };
    assert_eq!(claim(alice, "k1", "h1", 0).await.unwrap(), KeyClaim::New);
    let KeyClaim::Seen(running) = claim(alice, "k1", "h1", 1).await.unwrap() else {
        panic!("a claimed key is seen");
    };
    assert_eq!((running.status, running.response), (None, None));
    assert_eq!(
        claim(bob, "k1", "h1", 1).await.unwrap(),
        KeyClaim::New,
        "keys are per user"
    );
    store
        .complete_idempotency_key(alice, "k1", 201, r#"{"id":7}"#.into())
        .await
        .unwrap();
    let KeyClaim::Seen(done) = claim(alice, "k1", "h2", 2).await.unwrap() else {
        panic!("a completed key is seen");
    };
    assert_eq!(done.request_hash, "h1");
    assert_eq!(
        (done.status, done.response.as_deref()),
        (Some(201), Some(r#"{"id":7}"#))
    );
    store.release_idempotency_key(alice, "k1").await.unwrap();
    assert!(
        matches!(
            claim(alice, "k1", "h1", 3).await.unwrap(),
            KeyClaim::Seen(_)
        ),
        "a completed key is not released"
    );

    // A failed request frees its key; a claim never answered is taken over once abandoned.
    assert_eq!(claim(alice, "k2", "h1", 0).await.unwrap(), KeyClaim::New);
    store.release_idempotency_key(alice, "k2").await.unwrap();
    assert_eq!(claim(alice, "k2", "h1", 0).await.unwrap(), KeyClaim::New);
    let later = store
        .claim_idempotency_key(alice, "k2", "h3", at(10), at(5))
        .await
        .unwrap();
    assert_eq!(later, KeyClaim::New, "an abandoned claim is taken over");

    assert_eq!(store.purge_idempotency_keys(at(5)).await.unwrap(), 2);
    assert_eq!(claim(alice, "k1", "h9", 20).await.unwrap(), KeyClaim::New);
}

async fn external_ids(store: &dyn Store, cases: &Cases) {
    let message = |case_id, external_id: &str| NewMessage {
        case_id,
        direction: Direction::Inbound,
        author_id: None,
        channel: "email".into(),
        body: "sent once".into(),
        at: at(30) + Duration::seconds(1),
        analysis_json: None,
        model_version: None,
        external_id: Some(external_id.into()),
    };
    let first = store
        .add_message(message(cases.dana.id, "mail-1"), MessageEffects::default())
        .await
        .unwrap();
    assert_eq!(first.message.external_id.as_deref(), Some("mail-1"));
    let again = store
        .add_message(message(cases.dana.id, "mail-1"), MessageEffects::default())
        .await;
    assert!(is_conflict(again), "the same external id twice on a case");
    store
        .add_message(message(cases.omar.id, "mail-1"), MessageEffects::default())
        .await
        .expect("the same external id on another case");
    let stored = store.message(first.message.id).await.unwrap();
    assert_eq!(stored.external_id.as_deref(), Some("mail-1"));
}

async fn links(store: &dyn Store, cases: &Cases) {
    let keys = |k: &[&str]| k.iter().map(|k| k.to_string()).collect::<Vec<_>>();
    let (dana, omar) = (cases.dana.id, cases.omar.id);
    assert_eq!(
        store
            .find_link("mail", LinkKind::Case, &keys(&["a@x", "b@x"]))
            .await
            .unwrap(),
        None
    );
    store
        .add_links("mail", LinkKind::Case, &keys(&["a@x", "b@x"]), dana)
        .await
        .unwrap();
    // A key already linked keeps its case; the new one joins the other case.
    store
        .add_links("mail", LinkKind::Case, &keys(&["b@x", "c@x"]), omar)
        .await
        .unwrap();
    let find = |k: &'static [&'static str], source: &'static str, kind| {
        let k = keys(k);
        async move { store.find_link(source, kind, &k).await.unwrap() }
    };
    assert_eq!(find(&["b@x"], "mail", LinkKind::Case).await, Some(dana));
    assert_eq!(
        find(&["zz", "c@x", "a@x"], "mail", LinkKind::Case).await,
        Some(omar),
        "first key in order wins"
    );
    assert_eq!(
        find(&["a@x"], "chatwoot", LinkKind::Case).await,
        None,
        "sources never meet"
    );
    assert_eq!(
        find(&["a@x"], "mail", LinkKind::Client).await,
        None,
        "kinds never meet"
    );
    store
        .add_links("mail", LinkKind::Case, &[], dana)
        .await
        .unwrap();

    let new = NewMessage {
        case_id: dana,
        direction: Direction::Inbound,
        author_id: None,
        channel: "email".into(),
        body: "Where is it?".into(),
        at: at(40),
        analysis_json: None,
        model_version: None,
        external_id: Some("mail-2".into()),
    };
    let source = NewMessageSource {
        source: "mail".into(),
        subject: "Re: order".into(),
        full_body: "Where is it?\n\nOn Monday, Shop wrote:\n> Soon.".into(),
        attachments_json: r#"[{"name":"a.pdf","content_type":"application/pdf","size":3}]"#.into(),
        automatic: None,
        html: Some("<p>Where is it?</p>".into()),
        thread_keys: keys(&["a@x", "d@x"]),
        note: Some(NewHelpdeskNote {
            product: "chatwoot".into(),
            target: "12".into(),
            text: "defuse: angry".into(),
            created_at: at(5),
        }),
    };
    let effects = MessageEffects {
        source: Some(source),
        ..MessageEffects::default()
    };
    let posted = store.add_message(new, effects).await.unwrap();
    let kept = store.message_source(posted.message.id).await.unwrap();
    assert_eq!(kept.message_id, posted.message.id);
    assert!(kept.full_body.contains("Shop wrote:") && kept.attachments_json.contains("a.pdf"));
    assert_eq!(kept.html.as_deref(), Some("<p>Where is it?</p>"));
    let note = store.helpdesk_note(posted.message.id).await.unwrap();
    assert_eq!(
        (note.target.as_str(), note.text.as_str()),
        ("12", "defuse: angry")
    );
    let jobs = store
        .list_jobs(JobFilter::default(), Paging::first(500).unwrap())
        .await
        .unwrap();
    let queued: Vec<_> = jobs
        .items
        .iter()
        .filter(|j| j.kind == "helpdesk.note")
        .collect();
    assert_eq!(queued.len(), 1, "the note's job is queued with it");
    assert_eq!(queued[0].subject_id, Some(posted.message.id));
    assert!(super::is_not_found(
        store.message_source(cases.promise_message_id).await
    ));
    let linked = find(&["d@x"], "mail", LinkKind::Case).await;
    assert_eq!(
        linked,
        Some(dana),
        "thread keys are linked with the message"
    );
}

/// A case or client opened with its links is opened once: when one of its keys is linked
/// already (another instance got there first), nothing is written and the answer is a conflict.
async fn linked_openings(store: &dyn Store, cases: &Cases) {
    let keys = |k: &[&str]| k.iter().map(|k| k.to_string()).collect::<Vec<_>>();
    let fields = || ClientFields {
        name: "Rosa Bell".into(),
        ..ClientFields::default()
    };
    let client = store
        .create_linked_client("chatwoot", &keys(&["77"]), fields())
        .await
        .unwrap();
    assert_eq!(client.name, "Rosa Bell");
    let twice = store
        .create_linked_client("chatwoot", &keys(&["77"]), fields())
        .await;
    assert!(
        is_conflict(twice),
        "a contact linked already refuses a second client"
    );
    let linked = store
        .find_link("chatwoot", LinkKind::Client, &keys(&["77"]))
        .await;
    assert_eq!(linked.unwrap(), Some(client.id));

    let new = || NewCase {
        client_id: client.id,
        subject: "Chatwoot conversation 40".into(),
        channel: "chat".into(),
        assignee_id: None,
        team_id: cases.dana.team_id,
        opened_at: at(0),
    };
    let opened = store
        .open_linked_case("chatwoot", &keys(&["conversation:1/40"]), new())
        .await
        .unwrap();
    let again = store
        .open_linked_case("chatwoot", &keys(&["other", "conversation:1/40"]), new())
        .await;
    assert!(
        is_conflict(again),
        "a key linked already refuses the second case"
    );
    let record = store.client_record(client.id).await.unwrap();
    assert_eq!(record.cases.len(), 1, "and writes nothing");
    let find = |k: &'static str| {
        let k = keys(&[k]);
        async move {
            store
                .find_link("chatwoot", LinkKind::Case, &k)
                .await
                .unwrap()
        }
    };
    assert_eq!(find("conversation:1/40").await, Some(opened.id));
    assert_eq!(find("other").await, None, "not even the new key");
}

async fn mailbox_positions(store: &dyn Store) {
    let (mailbox, folder) = ("help@mail.test:993", "INBOX");
    assert_eq!(store.mailbox_position(mailbox, folder).await.unwrap(), None);
    let position = |uid_validity, last_uid| MailboxPosition {
        uid_validity,
        last_uid,
    };
    // Read up to UID 7, then the folder renumbered and read again up to UID 3.
    for (uid_validity, last_uid) in [(1_796_504_005, 7), (42, 3)] {
        let at = position(uid_validity, last_uid);
        store
            .set_mailbox_position(mailbox, folder, at)
            .await
            .unwrap();
    }
    let renumbered = position(42, 3);
    let read = |folder: &'static str| store.mailbox_position(mailbox, folder);
    assert_eq!(read("INBOX").await.unwrap(), Some(renumbered), "replaced");
    assert_eq!(read("Support").await.unwrap(), None, "folders never meet");
}
