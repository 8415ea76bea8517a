"""Linking quality on the evaluation set: pairwise precision and recall per kind of copy.

    python bench/link_eval.py [--generated 120] [--seed 7]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from datetime import datetime, timezone
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.linkset import Doc, build  # noqa: E402
from pipelines.linking import CopyIndex  # noqa: E402
from schemas.article import ArticleRecord  # noqa: E402


def as_record(doc: Doc) -> ArticleRecord:
    rid = hashlib.sha256(doc.id.encode()).hexdigest()[:32]
    return ArticleRecord.model_validate({
        "id": rid, "url": f"https://eval.example/{doc.id}", "text": doc.text,
        "published_at": doc.published,
        "blog": {"host": "eval.example", "url": "https://eval.example/", "platform": "generic"},
        "source": {}, "fingerprint": {"sha256": hashlib.sha256(doc.text.encode()).hexdigest(), "simhash": "0" * 16},
        "duplicate": {"cluster_id": rid, "kind": "first", "similarity": 1.0},
        "crawl": {"job_id": "eval", "fetched_at": datetime.now(timezone.utc), "via": "file"}})


def evaluate(docs: list[Doc]) -> dict:
    """Link in publication order, then score every pair of documents."""
    index = CopyIndex()
    cluster: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for doc in sorted(docs, key=lambda d: (d.published, d.id)):
        rec = index.link(as_record(doc))
        cluster[doc.id], kinds[doc.id] = rec.duplicate.cluster_id, rec.duplicate.kind
    by_id = {d.id: d for d in docs}
    tp = fp = fn = 0
    recall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    neg_pairs = neg_linked = 0
    for a, b in combinations(docs, 2):
        same_truth = a.source == b.source
        same_pred = cluster[a.id] == cluster[b.id]
        if same_truth:
            tp += same_pred
            fn += not same_pred
            copy = b if a.kind == "original" else a if b.kind == "original" else None
            if copy is not None:
                recall[copy.kind][0] += same_pred
                recall[copy.kind][1] += 1
        else:
            fp += same_pred
            hard = a.kind.startswith("negative") or b.kind.startswith("negative") or (
                a.kind == "original" and b.kind == "original")
            if hard:
                neg_pairs += 1
                neg_linked += same_pred
    kind_ok = sum(kinds[d.id] == {"exact": "exact", "spin15": "spin", "spin30": "spin", "spin45": "spin"}.get(
        d.kind, kinds[d.id]) for d in docs) / len(docs)
    return {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "per_kind": {k: v[0] / v[1] for k, v in sorted(recall.items())},
            "hard_negative_false_links": neg_linked / neg_pairs if neg_pairs else 0.0,
            "docs": len(docs), "kind_label_agreement": kind_ok, "_by_id": by_id}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generated", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    res = evaluate(build(args.generated, args.seed))
    print(f"documents: {res['docs']}")
    print(f"pairwise precision {res['precision']:.4f}  recall {res['recall']:.4f}")
    for kind, value in res["per_kind"].items():
        print(f"  recall {kind:<18} {value:.3f}")
    print(f"false links between hard negatives: {res['hard_negative_false_links']:.4%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
