"""Linking throughput: records/s and peak memory for 100,000 records on one core, and how the cost
per record grows from the first 10,000 to the last (it should stay flat).

    python bench/link_bench.py [--records 100000] [--copies 0.1]

Input: generated articles (about 300 words each) plus copies of earlier ones (exact, near, spun at
30%), so the index holds real clusters. Timed: shingling, MinHash signatures (vectorised over each
chunk, as `prepare_many` does), LSH index (`link_many`: the chunk's band lookups at once), exact
verification of every candidate, and the record update (record construction and the SimHash field
are not timed).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.spinner import spin  # noqa: E402
from crawler.farm.model import vocabulary  # noqa: E402
from pipelines.linking import CopyIndex, prepare_many  # noqa: E402
from schemas.article import ArticleRecord, Blog, Crawl, Duplicate, Fingerprint, Source  # noqa: E402

NOW = datetime.now(timezone.utc)
BLOG = Blog.model_construct(host="bench.example", url="https://bench.example/", name=None, platform="generic",
                            ui_language=None)
CRAWL = Crawl.model_construct(job_id="bench", fetched_at=NOW, status=200, via="page", source=None, change="new")


def record(i: int, text: str) -> ArticleRecord:
    rid = hashlib.sha256(str(i).encode()).hexdigest()[:32]
    return ArticleRecord.model_construct(
        schema_version="1", id=rid, url=f"https://bench.example/{i}", canonical_url=None, title=None,
        raw_title=None, text=text, language=None, published_at=None, updated_at=None, author=None, labels=[],
        blog=BLOG, source=Source.model_construct(publisher=None, url=None, feed_title=None, autoposted_at=None,
                                                 links=[], chain=[]),
        removed=[], fingerprint=Fingerprint.model_construct(sha256=hashlib.sha256(text.encode()).hexdigest(),
                                                            simhash="0" * 16),
        duplicate=Duplicate.model_construct(cluster_id=rid, kind="first", of=None, similarity=1.0), crawl=CRAWL)


def texts(n: int, copies: float, seed: int = 1):
    rng = random.Random(seed)
    vocab = vocabulary()
    made: list[str] = []
    for i in range(n):
        if made and rng.random() < copies:
            base = rng.choice(made[-5000:])
            kind = rng.choice(("exact", "near", "spin"))
            yield base if kind == "exact" else ("Latest news\n" + base if kind == "near" else spin(base, 0.3, i))
        else:
            text = "\n".join(vocab.paragraphs(rng))
            made.append(text)
            yield text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--copies", type=float, default=0.1)
    ap.add_argument("--chunk", type=int, default=10_000)
    args = ap.parse_args(argv)
    index = CopyIndex()
    last_costs = dict(index.costs)
    total_time, prep_time, kinds, batch, done = 0.0, 0.0, {}, [], 0
    print(f"linking {args.records} records ({args.copies:.0%} copies of earlier ones), one core")
    for i, text in enumerate(texts(args.records, args.copies)):
        batch.append(record(i, text))
        if len(batch) == args.chunk or i == args.records - 1:
            start = time.process_time()
            # as `splog link` and link_many do (in a crawl the workers make the signatures);
            # SimHash is a record field, not used to link
            prepared = prepare_many([rec.text for rec in batch], simhash=False, keep_features=True)
            middle = time.process_time()
            for out in index.link_many(batch, prepared):
                kinds[out.duplicate.kind] = kinds.get(out.duplicate.kind, 0) + 1
            spent = time.process_time() - start
            costs, before = index.costs, last_costs
            last_costs = dict(costs)
            prep_time += middle - start
            total_time += spent
            done += len(batch)
            print(f"  records {done - len(batch) + 1:>7}-{done:<7} {len(batch) / spent:8.0f} records/s "
                  f"({spent / len(batch) * 1e6:6.0f} us/record, of which signatures "
                  f"{(middle - start) / len(batch) * 1e6:4.0f} us, band lookups "
                  f"{(costs['lookup'] - before['lookup']) / len(batch) * 1e6:3.0f} us, verification "
                  f"{(costs['verify'] - before['verify']) / len(batch) * 1e6:3.0f} us of "
                  f"{(costs['candidates'] - before['candidates']) / len(batch):.2f} candidates, index "
                  f"{(costs['index'] - before['index']) / len(batch) * 1e6:3.0f} us)")
            batch = []
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"index only (signatures made elsewhere, as the crawl's workers do): "
          f"{done / (total_time - prep_time):.0f} records/s")
    print(f"total: {done / total_time:.0f} records/s over {done} records (target >= 3000); "
          f"peak RSS {peak_mb:.0f} MB (target <= 1536); kinds {dict(sorted(kinds.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
