"""Province-scale organisation data for benchmarks (DESIGN §6): `generate_province()`.

`shape` decides the units and how many people each holds; `writing` inserts them in bulk.
"""

from kinerja.org.scale.writing import ScaleSummary, generate_province

__all__ = ["ScaleSummary", "generate_province"]
