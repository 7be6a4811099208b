"""Reads of the competency area. `competency_gaps` is the stable entry point for other apps:

    from kinerja.competency.selectors import competency_gaps
    gaps = competency_gaps([employee.pk, ...])  # {employee_id: [Gap, ...]}, two queries

Each `kinerja.competency.gaps.Gap` carries competency_id, code, name, kind, required, current
(None: never assessed) and the derived gap, shortfall, is_shortfall, is_assessed.
"""

from kinerja.competency.gaps import Gap
from kinerja.competency.selectors.profiles import competency_gaps

__all__ = ["Gap", "competency_gaps"]
