//! Epilogue: many writers at once. Each caller gets its own answer, even when its write shares
//! a commit with others (SQLite groups queued writes into one transaction).

use std::sync::Arc;

use defuse_storage::{Paging, Store, StoreError};

pub async fn story(store: Arc<dyn Store>) {
    let before = store
        .list_teams(Paging::first(1).unwrap())
        .await
        .unwrap()
        .total;
    let writers: Vec<_> = (0..40)
        .map(|i| {
            let store = Arc::clone(&store);
            tokio::spawn(async move { store.create_team(&format!("Load {}", i % 20)).await })
        })
        .collect();
    let (mut created, mut refused) = (0, 0);
    for writer in writers {
        match writer.await.unwrap() {
            Ok(team) => {
                assert!(team.name.starts_with("Load "));
                created += 1;
            }
            Err(StoreError::Conflict(_)) => refused += 1,
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((created, refused), (20, 20));
    let after = store
        .list_teams(Paging::first(1).unwrap())
        .await
        .unwrap()
        .total;
    assert_eq!(
        after,
        before + 20,
        "every acknowledged team is stored, no refused one is"
    );
}
