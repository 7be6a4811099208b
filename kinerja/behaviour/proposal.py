"""Who rates whom in a 360° round: the automatic proposal of raters — pure functions over plain
values, no ORM (`services.rounds.create_round` feeds them the organisation and writes the result).

Regional practice (Siulak, Sumedang; `shared/domain/performance.md`) asks four views of each
employee: the supervisor, peers, subordinates and the employee themself. Kinerja proposes them
as follows; the supervisor adjusts the proposal before the round opens.

* Self: every employee in the round rates themself.
* Supervisor: the employee's direct supervisor (`Employee.supervisor`), when active.
* Subordinates: every active employee whose direct supervisor is the employee.
* Peers: colleagues of the *same unit and the same level*. "Level" is the position's kind
  (JPT, administrator, pengawas, pelaksana, fungsional) together with its jenjang when the kind
  has one (JPT Pratama…, Ahli Pertama…, Terampil…): people who do comparable work side by side.
  The kelas jabatan (grade, 1–17) is not used: it is optional in the data and finely graded, so
  two pelaksana at the same desk in class 5 and 6 would never be peers. Employees without a
  position have no level and get no peers (the supervisor may add some).
  Within a peer group each member is rated by the next `peers_per_subject` members of a stable
  shuffled order (a circle), so every member rates as many peers as they are rated by.
* Cap: one rater answers at most `cap` assignments in a round. When the proposal gives a rater
  more, the assignments kept are, in this order: self, those as supervisor, those as
  subordinate, those as peer; within one kind a stable shuffle decides (not the alphabet, so
  the same people are not always the ones left out). The supervisor's adjustments respect the
  same cap.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kinerja.behaviour.aggregation import Relation

DEFAULT_PEERS_PER_SUBJECT = 4
DEFAULT_MAX_ASSIGNMENTS = 15

# Kinds of positions whose jenjang is part of the level (org.models.LEVELS_BY_KIND).
KINDS_WITH_JENJANG = frozenset({"jpt", "fungsional"})

_PRIORITY = {
    Relation.SELF: 0,
    Relation.SUPERVISOR: 1,
    Relation.SUBORDINATE: 2,
    Relation.PEER: 3,
}


@dataclass(frozen=True)
class Person:
    """An active employee as the proposal sees them."""

    id: int
    unit_id: int
    supervisor_id: int | None
    position_kind: str | None
    position_level: str


@dataclass(frozen=True)
class Proposal:
    subject_id: int
    rater_id: int
    relation: Relation


def peer_level(kind: str | None, level: str) -> str | None:
    """The level peers share: the position kind, with the jenjang for JPT and functional
    positions ("fungsional:ahli_muda"); None without a position."""
    if not kind:
        return None
    return f"{kind}:{level}" if kind in KINDS_WITH_JENJANG and level else kind


def shuffle_key(salt: str, person_id: int) -> int:
    """A stable pseudo-random order (the same in every process, unlike `hash`)."""
    return zlib.crc32(f"{salt}:{person_id}".encode())


def relation_between(subject: Person, rater: Person) -> Relation:
    """How `rater` stands to `subject` (for a rater the supervisor adds by hand)."""
    if rater.id == subject.id:
        return Relation.SELF
    if subject.supervisor_id == rater.id:
        return Relation.SUPERVISOR
    if rater.supervisor_id == subject.id:
        return Relation.SUBORDINATE
    return Relation.PEER


def propose(
    people: Iterable[Person],
    subject_ids: set[int],
    *,
    peers_per_subject: int = DEFAULT_PEERS_PER_SUBJECT,
    cap: int = DEFAULT_MAX_ASSIGNMENTS,
    salt: str = "",
) -> list[Proposal]:
    """The proposed assignments for the subjects, under the cap (rules in the module docstring).

    `people` are the active employees the proposal may use: the subjects, and whoever else may
    rate them (supervisors outside the round's units, subordinates in other units).
    """
    if cap < 1:
        raise ValueError("cap must be at least 1")
    everyone = {person.id: person for person in people}
    proposals: list[Proposal] = []
    for subject_id in sorted(subject_ids):
        subject = everyone[subject_id]
        proposals.append(Proposal(subject_id, subject_id, Relation.SELF))
        supervisor_id = subject.supervisor_id
        if supervisor_id is not None and supervisor_id != subject_id and supervisor_id in everyone:
            proposals.append(Proposal(subject_id, supervisor_id, Relation.SUPERVISOR))
    for person in everyone.values():
        boss = person.supervisor_id
        if boss is not None and boss in subject_ids and boss != person.id:
            proposals.append(Proposal(boss, person.id, Relation.SUBORDINATE))
    proposals += _peers(
        [everyone[i] for i in subject_ids], peers_per_subject=peers_per_subject, salt=salt
    )
    return apply_cap(proposals, cap=cap, salt=salt)


def _peers(subjects: Sequence[Person], *, peers_per_subject: int, salt: str) -> list[Proposal]:
    """Each member of a peer group rated by the next `peers_per_subject` members of a circle."""
    groups: dict[tuple[int, str], list[Person]] = defaultdict(list)
    for person in subjects:
        level = peer_level(person.position_kind, person.position_level)
        if level is not None:
            groups[(person.unit_id, level)].append(person)
    found: list[Proposal] = []
    for members in groups.values():
        if len(members) < 2 or peers_per_subject < 1:
            continue
        circle = sorted(members, key=lambda p: (shuffle_key(salt, p.id), p.id))
        reach = min(peers_per_subject, len(circle) - 1)
        for index, subject in enumerate(circle):
            for step in range(1, reach + 1):
                rater = circle[(index + step) % len(circle)]
                if rater.id in (subject.supervisor_id,) or rater.supervisor_id == subject.id:
                    continue  # already a supervisor or subordinate of the subject
                found.append(Proposal(subject.id, rater.id, Relation.PEER))
    return found


def apply_cap(proposals: Iterable[Proposal], *, cap: int, salt: str = "") -> list[Proposal]:
    """At most `cap` assignments per rater: self first, then as supervisor, as subordinate, as
    peer; within a kind, a stable shuffle of the subjects. One proposal per (subject, rater)."""
    by_rater: dict[int, dict[int, Proposal]] = defaultdict(dict)
    for proposal in proposals:
        kept = by_rater[proposal.rater_id].get(proposal.subject_id)
        if kept is None or _PRIORITY[proposal.relation] < _PRIORITY[kept.relation]:
            by_rater[proposal.rater_id][proposal.subject_id] = proposal
    result: list[Proposal] = []
    for rater_id in sorted(by_rater):
        ranked = sorted(
            by_rater[rater_id].values(),
            key=lambda p: (_PRIORITY[p.relation], shuffle_key(salt, p.subject_id), p.subject_id),
        )
        result += ranked[:cap]
    return result
