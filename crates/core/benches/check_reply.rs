//! The pre-send draft check on the fast tier: a 1,000-character draft against a short
//! conversation (target: under 2 ms), both with the client turns analysed inside the call and
//! with analyses made beforehand; and coaching the same conversation, suggested reply included
//! (target: under 5 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use defuse_core::Analyzer;
use defuse_core::coach::{
    Analysed, Conversation, Policy, Role, Timestamp, Turn, UtcOffset, check_reply,
    check_reply_analysed, coach,
};

const CLIENT: &[&str] = &[
    "My parcel was due last Tuesday and it still hasn't arrived. I need it by Friday!",
    "This is the third time I've contacted you and nobody has called me back. Useless.",
];

const DRAFT_PART: &str = "I'm sorry your parcel still hasn't arrived, and I can see how frustrating it is to chase it again. \
     As I already told you, the courier has it at the local depot, and it's just a short delay. \
     I'll call you by 3pm today with a delivery slot, and we will refund the delivery fee of 4.99 euros by Friday. ";

fn conversation() -> Conversation {
    let at = |i: i64| Timestamp(1_772_445_600 + 240 * i);
    let turns = vec![
        Turn {
            role: Role::Client,
            text: CLIENT[0].into(),
            at: at(0),
        },
        Turn {
            role: Role::Agent,
            text: "Let me look into that for you.".into(),
            at: at(1),
        },
        Turn {
            role: Role::Client,
            text: CLIENT[1].into(),
            at: at(2),
        },
    ];
    Conversation::new(turns, UtcOffset::UTC)
}

fn draft() -> String {
    let mut d = String::new();
    while d.len() < 1000 {
        d.push_str(DRAFT_PART);
    }
    d.truncate(d.floor_char_boundary(1000));
    d
}

fn bench(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let policy = Policy::default();
    let conversation = conversation();
    let draft = draft();
    let sent_at = Timestamp(1_772_446_800);
    c.bench_function(
        "check_reply 1000-char draft, 3 turns (analyses included)",
        |b| b.iter(|| check_reply(&draft, &conversation, &policy, &analyzer, sent_at)),
    );
    c.bench_function("coach 3 turns, suggested reply included", |b| {
        b.iter(|| coach(&conversation, &policy, &analyzer))
    });
    let analysed = Analysed::new(&conversation, &analyzer);
    c.bench_function(
        "check_reply 1000-char draft, analyses made beforehand",
        |b| b.iter(|| check_reply_analysed(&draft, &analysed, &policy, sent_at)),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
