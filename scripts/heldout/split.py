"""Held-out sets cut from the training data alone, for choices about the reading heads.

For writer W (the first letter of a chat conversation's id) and fold F, writes into OUT:
- chat_noW.jsonl: the chat conversations of the other writers (what the heads learn from);
- heldW/customer_labels.jsonl: the training split of customer_labels, with every fifth row
  from F marked "dev" (what `defuse eval --coaching` reads) and the real dev rows left out;
- heldW/coaching/: writer W's conversations in the shape `defuse eval --coaching` reads, with
  their labelled main cause and no drafts.

Nothing of the real dev splits is read or written.
"""

import argparse
import json
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--chat", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--writer", required=True)
    ap.add_argument("--fold", type=int, required=True)
    a = ap.parse_args()
    chat = [json.loads(line) for line in open(a.chat)]
    rows = [json.loads(line) for line in open(os.path.join(a.data, "customer_labels.jsonl"))]
    held = os.path.join(a.out, f"held{a.writer}")
    os.makedirs(os.path.join(held, "coaching"), exist_ok=True)
    with open(os.path.join(a.out, f"chat_no{a.writer}.jsonl"), "w") as f:
        for r in chat:
            if r["id"][0] != a.writer:
                f.write(json.dumps(r) + "\n")
    train = [r for r in rows if r["split"] == "train"]
    with open(os.path.join(held, "customer_labels.jsonl"), "w") as f:
        for k, r in enumerate(train):
            r = dict(r, split="dev" if k % 5 == a.fold else "train")
            f.write(json.dumps(r) + "\n")
    with open(os.path.join(held, "coaching", "conversations.jsonl"), "w") as f:
        for r in chat:
            if r["id"][0] != a.writer:
                continue
            expected = {"cause": r["main_cause"], "first_moves": ["acknowledge"], "boundary": "none"}
            f.write(json.dumps(dict(r, expected=expected, vulnerable=False, urgent=False)) + "\n")
    open(os.path.join(held, "coaching", "drafts.jsonl"), "w").close()


if __name__ == "__main__":
    main()
