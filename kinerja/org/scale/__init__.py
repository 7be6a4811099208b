"""Province-scale organisation data for benchmarks (DESIGN §6): `generate_province()`.

`shape` decides the units and how many people each holds; `writing` inserts them in bulk;
`appraisal` adds the 2026 SKP, indicators, realisations and evaluations (`--with-appraisal`).
"""

from kinerja.org.scale.writing import ScaleSummary, generate_province

__all__ = ["ScaleSummary", "generate_province"]
