"""Time a 360° round for the whole province-scale agency and the pages that read it.

Needs the agency `uji-skala` with its 2026 period (`manage.py generate_scale_data
--with-appraisal`, or `make bench`); then, with the same DATABASE_URL:

    .venv/bin/python bench/behaviour_round.py

Steps, each through the services the pages call:
  1. `create_round` for the whole agency (60,000 people): the proposal of raters in Python and
     ~400,000 assignments written with COPY — target under 30 s;
  2. `open_round`;
  3. answers for a sample — every rater of the subjects of the benchmark employee's unit and of
     `--sample` more people, written directly as `submit_answers` leaves them (benchmark data);
  4. `close_round` (the threshold applied once, the people rated told);
  5. the pages, each as the role that uses it (warm-up, `--requests` timed requests, one more to
     count queries, as bench/org_pages.py does): the employee's report (target p95 < 200 ms),
     its API, the admin's progress page, the head's and admin's units' view, the rater's page.
The round is deleted at the start of the next run (and with `--cleanup` at the end).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import org_pages  # noqa: E402
from bench.appraisal_pages import BACKEND, accounts  # noqa: E402
from kinerja.behaviour.aggregation import COMMENT_FIELDS, SCORE_FIELDS  # noqa: E402
from kinerja.behaviour.models import (  # noqa: E402
    Answer,
    Assignment,
    AssignmentStatus,
    FeedbackRound,
    Tally,
)
from kinerja.behaviour.services import rounds, tallies  # noqa: E402
from kinerja.core.models import Agency  # noqa: E402
from kinerja.core.tenancy import all_agencies_scope, tenant_scope  # noqa: E402
from kinerja.planning.models import Period  # noqa: E402

ROUND_NAME = "Umpan Balik 360° 2026 (uji skala)"
CREATE_TARGET_S = 30.0


def _analyze() -> None:
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            for model in (Assignment, Answer, FeedbackRound):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def _forget_earlier(agency: Agency) -> None:
    with tenant_scope(agency), transaction.atomic():
        earlier = FeedbackRound.objects.filter(name=ROUND_NAME)
        Answer.objects.filter(round__in=earlier).delete()
        Assignment.objects.filter(round__in=earlier).delete()
        Tally.objects.filter(round__in=earlier).delete()
        earlier.delete()


def _answer_sample(agency: Agency, feedback_round: FeedbackRound, subject_ids: list[int]) -> int:
    """Every rater of the subjects answers (random scores, a comment now and then)."""
    rng = random.Random(7)
    now = timezone.now()
    with tenant_scope(agency), transaction.atomic():
        assignments = list(
            Assignment.objects.filter(round=feedback_round, subject_id__in=subject_ids).values_list(
                "pk", "subject_id", "subject_unit_id", "relation"
            )
        )
        Answer.objects.bulk_create(
            [
                Answer(
                    agency_id=agency.pk,
                    round_id=feedback_round.pk,
                    subject_id=subject,
                    unit_id=unit,
                    relation=relation,
                    **{name: rng.randint(2, 5) for name in SCORE_FIELDS},
                    **{
                        name: "Komentar uji skala." if rng.random() < 0.05 else ""
                        for name in COMMENT_FIELDS
                    },
                )
                for _pk, subject, unit, relation in assignments
            ],
            batch_size=2000,
        )
        ids = [pk for pk, *_rest in assignments]
        for start in range(0, len(ids), 5000):
            Assignment.objects.filter(pk__in=ids[start : start + 5000]).update(
                status=AssignmentStatus.SUBMITTED, submitted_at=now
            )
        tallies.recount(feedback_round)
    return len(assignments)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", default="uji-skala")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--sample", type=int, default=3000, help="people answered about")
    parser.add_argument("--cleanup", action="store_true", help="delete the round at the end")
    args = parser.parse_args(argv)

    with all_agencies_scope():
        agency = Agency.objects.get(code=args.code)
        period = Period.objects.filter(agency=agency, year=2026).order_by("pk").first()
    if period is None:
        raise SystemExit("generate_scale_data --with-appraisal first (no 2026 period)")
    users = accounts(agency)
    admin = users["admin"]
    _forget_earlier(agency)
    _analyze()

    with tenant_scope(agency):
        started = time.perf_counter()
        feedback_round = rounds.create_round(
            agency,
            actor=admin,
            period=period,
            name=ROUND_NAME,
            whole_agency=True,
            closes_on=timezone.localdate(),
        )
        created = time.perf_counter() - started
        total = Assignment.objects.filter(round=feedback_round).count()
        subjects = Assignment.objects.filter(round=feedback_round, relation="diri").count()
    _analyze()
    print(
        f"{agency.name}: putaran untuk seluruh instansi · {subjects:,} pegawai · "
        f"{total:,} penugasan · dibuat dalam {created:.1f} s (target < {CREATE_TARGET_S:.0f} s)"
        f" · database {connection.vendor}"
    )

    with tenant_scope(agency):
        started = time.perf_counter()
        feedback_round = rounds.open_round(feedback_round, actor=admin, expected_version=None)
        opened = time.perf_counter() - started
        pegawai = users["pegawai"].employee
        rng = random.Random(3)
        everyone = list(
            Assignment.objects.filter(round=feedback_round, relation="diri").values_list(
                "subject_id", flat=True
            )
        )
        colleagues = list(
            Assignment.objects.filter(
                round=feedback_round, relation="diri", subject_unit_id=pegawai.unit_id
            ).values_list("subject_id", flat=True)
        )
        sample = sorted({*colleagues, *rng.sample(everyone, min(args.sample, len(everyone)))})
    started = time.perf_counter()
    answered = _answer_sample(agency, feedback_round, sample)
    written = time.perf_counter() - started
    _analyze()
    with tenant_scope(agency):
        started = time.perf_counter()
        feedback_round = rounds.close_round(feedback_round, actor=admin, expected_version=None)
        closed = time.perf_counter() - started
        counted = Answer.objects.filter(round=feedback_round, counted=True).count()
    _analyze()
    print(
        f"buka {opened * 1000:.0f} ms · {answered:,} jawaban untuk {len(sample):,} pegawai "
        f"ditulis dalam {written:.1f} s · tutup {closed * 1000:.0f} ms ({counted:,} jawaban "
        "ditampilkan)"
    )

    report = f"/umpan-balik/hasil/{feedback_round.pk}/{pegawai.pk}/"
    pages = (
        ("pegawai", "laporan 360° saya (pegawai)", report, True),
        (
            "pegawai",
            "API laporan 360° (pegawai)",
            f"/api/v1/behaviour/reports/{feedback_round.pk}/{pegawai.pk}/",
            True,
        ),
        ("atasan", "laporan 360° bawahan (atasan)", report, False),
        ("pegawai", "umpan balik 360° saya (pegawai)", "/umpan-balik/", False),
        (
            "admin",
            "progres putaran (admin, 400 rb)",
            f"/umpan-balik/putaran/{feedback_round.pk}/",
            False,
        ),
        ("admin", "daftar putaran (admin)", "/umpan-balik/putaran/", False),
        (
            "kepala",
            "per unit (kepala, subtree)",
            f"/umpan-balik/putaran/{feedback_round.pk}/unit/",
            False,
        ),
        (
            "admin",
            "per unit (admin, seluruh instansi)",
            f"/umpan-balik/putaran/{feedback_round.pk}/unit/",
            False,
        ),
    )
    print(f"{'halaman':<40} {'p50 ms':>8} {'p95 ms':>8} {'kueri':>6} {'KB':>7}")
    slow = 0
    with override_settings(STORAGES=org_pages.PLAIN_STATIC):
        for role, label, url, is_target in pages:
            client = Client()
            client.force_login(users[role], backend=BACKEND)
            response = client.get(url)
            if response.status_code != 200:
                print(f"{label:<40} HTTP {response.status_code}")
                slow += is_target
                continue
            result = org_pages.measure(
                client, org_pages.Case(label, url), requests=args.requests, warmup=args.warmup
            )
            over = result.p95 > org_pages.TARGET_P95_MS
            slow += over and is_target
            flag = "  ← di atas target" if over else ""
            print(
                f"{label:<40} {result.p50:8.1f} {result.p95:8.1f} {result.queries:6d} "
                f"{result.size_kb:7.1f}{flag}"
            )
    if args.cleanup:
        _forget_earlier(agency)
    missed = created > CREATE_TARGET_S or slow
    print(
        "Target (putaran < 30 s, laporan p95 < 200 ms): "
        + ("tercapai." if not missed else "TIDAK tercapai.")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
