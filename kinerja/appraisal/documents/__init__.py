"""The official documents of the performance cycle: the Dokumen Evaluasi Kinerja Pegawai and
the Penetapan Predikat Kinerja of a unit as sealed PDFs (who may download them:
appraisal/permissions/documents.py).
"""

from kinerja.appraisal.documents.evaluation_pdf import (
    build_evaluation_pdf,
    evaluation_pdf_filename,
    issue_evaluation_pdf,
)
from kinerja.appraisal.documents.predicate_pdf import (
    assessment_pdf_filename,
    build_assessment_pdf,
    issue_assessment_pdf,
)

__all__ = [
    "assessment_pdf_filename",
    "build_assessment_pdf",
    "build_evaluation_pdf",
    "evaluation_pdf_filename",
    "issue_assessment_pdf",
    "issue_evaluation_pdf",
]
