"""Link stage: copies of one article share a cluster id (exact copies, by the SHA-256 of the text)."""

from __future__ import annotations

from schemas.article import ArticleRecord, Duplicate


class CopyIndex:
    """In-run index of text fingerprints -> (cluster id, representative id)."""

    def __init__(self) -> None:
        self._exact: dict[str, tuple[str, str]] = {}

    def link(self, record: ArticleRecord) -> ArticleRecord:
        """The record with its `duplicate` group filled in; the first copy seen represents the cluster."""
        key = record.fingerprint.sha256
        hit = self._exact.get(key)
        if hit is None:
            self._exact[key] = (record.id, record.id)
            return record
        cluster_id, rep = hit
        if rep == record.id:
            return record
        dup = Duplicate(cluster_id=cluster_id, kind="exact", of=rep, similarity=1.0)
        return record.model_copy(update={"duplicate": dup})
