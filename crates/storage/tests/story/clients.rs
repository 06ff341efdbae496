//! Chapter two: clients, their contact points and flags, found by a search.

use defuse_storage::{Client, ClientFields, ClientFilter, Paging, Store};

use super::{invalid_field, is_not_found};

pub struct Clients {
    pub dana: Client,
    pub omar: Client,
}

pub async fn story(store: &dyn Store) -> Clients {
    let dana = store
        .create_client(ClientFields {
            name: "Dana Whitfield".into(),
            emails: vec!["dana@example.org".into()],
            phones: vec!["+44 20 7946 0000".into()],
            organisation: Some("Whitfield & Sons".into()),
            notes: "Calls after 5pm.".into(),
            flags: vec!["prefers phone".into()],
        })
        .await
        .unwrap();
    assert_eq!(dana.emails, ["dana@example.org"]);
    assert_eq!(dana.flags, ["prefers phone"]);
    assert_eq!(dana.created_at, dana.updated_at);
    let omar = store
        .create_client(ClientFields {
            name: "Omar Haddad".into(),
            ..ClientFields::default()
        })
        .await
        .unwrap();
    assert_eq!(omar.organisation, None);
    assert!(omar.emails.is_empty());
    let blank = ClientFields {
        name: "".into(),
        ..ClientFields::default()
    };
    assert_eq!(
        invalid_field(store.create_client(blank).await),
        Some("name")
    );

    // Editing replaces the fields and moves `updated_at`, not `created_at`.
    let mut fields = ClientFields {
        name: dana.name.clone(),
        emails: dana.emails.clone(),
        phones: dana.phones.clone(),
        organisation: dana.organisation.clone(),
        notes: dana.notes.clone(),
        flags: dana.flags.clone(),
    };
    fields.flags.push("has been abusive".into());
    let dana = store.update_client(dana.id, fields.clone()).await.unwrap();
    assert_eq!(dana.flags, ["prefers phone", "has been abusive"]);
    assert!(dana.updated_at >= dana.created_at);
    assert_eq!(store.client(dana.id).await.unwrap(), dana);
    assert!(is_not_found(store.update_client(9_999, fields).await));
    assert!(is_not_found(store.client(9_999).await));

    // Search by any part of name, organisation or email, ignoring case.
    let search = |query: &str| ClientFilter {
        query: Some(query.into()),
    };
    for query in ["WHITFIELD", "sons", "DANA@EXAMPLE"] {
        let found = store
            .list_clients(search(query), Paging::default())
            .await
            .unwrap();
        assert_eq!(found.items, std::slice::from_ref(&dana), "query {query}");
    }
    let none = store
        .list_clients(search("100%"), Paging::default())
        .await
        .unwrap();
    assert_eq!(
        none.total, 0,
        "LIKE wildcards in a query are taken literally"
    );
    let all = store
        .list_clients(ClientFilter::default(), Paging::first(1).unwrap())
        .await
        .unwrap();
    assert_eq!((all.total, all.items.len()), (2, 1));
    assert_eq!(all.items[0].id, dana.id, "by name");

    Clients { dana, omar }
}
