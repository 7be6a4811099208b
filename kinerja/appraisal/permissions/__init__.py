"""Appraisal permissions, declared once per subject; importing this package registers them."""

from kinerja.appraisal.permissions import documents, evaluation, execution  # noqa: F401
