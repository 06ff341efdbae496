#!/usr/bin/env python3
"""Writes a generated mbox of N messages to stdout for `import.sh`: threads of five between a
client and help@shop.test (client, agent, client, agent, client), each reply quoting the one
before, one in five as multipart/alternative with HTML, the agents' replies from shop.test."""
import random
import sys

CLIENT_LINES = [
    "I have now waited {d} days for order {o} and nobody answers.",
    "This is the {n} time I write about the refund for order {o}.",
    "The parcel arrived damaged and your courier would not take it back.",
    "I was promised a call back yesterday and nobody called.",
    "Please cancel order {o}, I cannot wait any longer.",
    "Your invoice charges me twice for the same delivery.",
]
AGENT_LINES = [
    "I am sorry for the wait. I have asked the warehouse about order {o} and will write back by 4pm today.",
    "Thank you for your patience. I will check the refund with our payments team and call you tomorrow.",
    "I understand how frustrating this is. A replacement for order {o} leaves our warehouse today.",
]


def mail(i, thread, step, rng, previous):
    client = f"client{thread}@example.org"
    agent = step % 2 == 1
    sender = "Shop Help <help@shop.test>" if agent else f"Client {thread} <{client}>"
    to = f"Client {thread} <{client}>" if agent else "Shop Help <help@shop.test>"
    order = 10000 + thread
    lines = AGENT_LINES if agent else CLIENT_LINES
    text = rng.choice(lines).format(d=rng.randint(3, 30), o=order, n=rng.choice(["third", "fourth"]))
    if previous:
        quoted = "\n".join("> " + l for l in previous.splitlines())
        body = f"{text}\n\nKind regards,\n{'Alex' if agent else 'Client ' + str(thread)}\n\nOn Mon, 30 Nov 2026 at 10:00, {to} wrote:\n{quoted}\n"
    else:
        body = f"{text}\n\nThanks,\nClient {thread}\n"
    mid = f"<m{thread}-{step}@bench.test>"
    refs = [f"<m{thread}-{s}@bench.test>" for s in range(step)]
    head = [
        f"From {'help@shop.test' if agent else client} Mon Nov 30 10:00:00 2026",
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {'Re: ' if step else ''}Order {order}",
        f"Date: Mon, 30 Nov 2026 {10 + step:02d}:{i % 60:02d}:00 +0000",
        f"Message-ID: {mid}",
        "MIME-Version: 1.0",
    ]
    if refs:
        head += [f"In-Reply-To: {refs[-1]}", "References: " + " ".join(refs)]
    if i % 5 == 0:
        html = "<div>" + text + "</div><blockquote>" + (previous or "").replace("\n", "<br>") + "</blockquote>"
        head.append('Content-Type: multipart/alternative; boundary="b"')
        payload = (f'\n--b\nContent-Type: text/plain; charset=utf-8\n\n{body}\n--b\n'
                   f'Content-Type: text/html; charset=utf-8\n\n{html}\n--b--\n')
    else:
        head.append("Content-Type: text/plain; charset=utf-8")
        payload = "\n" + body
    # mbox quoting: a body line starting with "From " gets a ">".
    payload = "\n".join(">" + l if l.startswith("From ") else l for l in payload.splitlines())
    return "\n".join(head) + "\n" + payload + "\n\n", text


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rng = random.Random(7)
    out = sys.stdout
    i = 0
    thread = 0
    while i < n:
        previous = None
        for step in range(5):
            if i >= n:
                break
            message, previous = mail(i, thread, step, rng, previous)
            out.write(message)
            i += 1
        thread += 1


main()
