"""Sealing official PDFs: each issued document gets a hash and a token for public verification.

A document (the SKP, later the evaluations and the predicate decision) is sealed only once its
object is approved. The PDF carries a QR code to `/verifikasi/<token>/`, which confirms that the
document is genuine and unchanged without revealing its content. Rendering must be
deterministic (same content and token → same bytes) so that downloading an unchanged document
again yields the same record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction

from kinerja.core import audit
from kinerja.core.models import IssuedDocument, User

# Registered here rather than in an AppConfig so the code exists wherever documents are issued.

TOKEN_BYTES = 24  # 32 URL-safe characters: unguessable, and short enough for a small QR code


@dataclass(frozen=True)
class SealedDocument:
    """The record of an issued document and the exact bytes it was sealed with."""

    record: IssuedDocument
    content: bytes


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def sha256_of_chunks(chunks: Iterable[bytes]) -> str:
    """The hash of an uploaded file, read chunk by chunk."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def _current(kind: str, subject: models.Model) -> models.QuerySet[IssuedDocument]:
    return IssuedDocument.objects.filter(
        kind=kind,
        object_type=subject._meta.label_lower,
        object_id=str(subject.pk),
        superseded=False,
    )


@transaction.atomic
def issue_document(
    subject: models.Model,
    *,
    actor: User | None,
    kind: str,
    title: str,
    subject_name: str,
    subject_nip: str,
    approved_by_name: str,
    approved_at: dt.datetime | None,
    render: Callable[[str], bytes],
) -> SealedDocument:
    """Seal the PDF of an approved object; `render(token)` draws it with its verification code.

    The caller has already checked that `actor` may see `subject` and that it is approved.
    Unchanged content returns the current record; changed content supersedes it.
    """
    agency_id: Any = getattr(subject, "agency_id", None)
    if agency_id is None:
        raise ValueError("only tenant objects can be sealed")
    current = _current(kind, subject).select_for_update(of=("self",)).first()
    if current is not None:
        content = render(current.token)
        if sha256_of(content) == current.sha256:
            return SealedDocument(current, content)
        _current(kind, subject).update(superseded=True)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    content = render(token)
    try:
        with transaction.atomic():
            record = IssuedDocument.objects.create(
                agency_id=agency_id,
                kind=kind,
                object_type=subject._meta.label_lower,
                object_id=str(subject.pk),
                title=title,
                sha256=sha256_of(content),
                token=token,
                issued_by=actor,
                approved_by_name=approved_by_name,
                approved_at=approved_at,
                subject_name=subject_name,
                subject_nip=subject_nip,
            )
    except IntegrityError:
        # Issued concurrently by another request: that record stands.
        winner = _current(kind, subject).get()
        return SealedDocument(winner, render(winner.token))
    audit.record(record, "core.document.issued", actor=actor, agency_id=agency_id, note=title)
    return SealedDocument(record, content)
