"""Django admin for operators (superusers): appraisal records, read-only once final.

A final evaluation (and a finalised unit assessment) cannot be changed or deleted here either;
reopening goes through the agency admin's audited service, never through this admin.
Calibration adjustments and decided objections are kept as written.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kinerja.appraisal.models import (
    CalibrationAdjustment,
    Dialogue,
    Evaluation,
    Evidence,
    Feedback,
    Objection,
    ObjectionStatus,
    Realisation,
    UnitAssessment,
)


class FinalReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """No change and no delete for a record that is final."""

    def _is_final(self, obj: Any) -> bool:
        return bool(obj is not None and obj.is_final)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._is_final(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._is_final(obj) and super().has_delete_permission(request, obj)


@admin.register(Evaluation)
class EvaluationAdmin(FinalReadOnlyAdmin):
    list_display = ("employee", "period", "kind", "subperiod", "status", "predicate")
    list_filter = ("status", "kind", "period")
    search_fields = ("employee__name", "employee__nip")
    raw_id_fields = ("employee", "plan", "unit", "rater", "period", "rated_by", "finalised_by")


@admin.register(UnitAssessment)
class UnitAssessmentAdmin(FinalReadOnlyAdmin):
    list_display = ("unit", "period", "kind", "subperiod", "organisation_predicate", "finalised_at")
    list_filter = ("kind", "period")
    raw_id_fields = ("unit", "period", "set_by", "breach_confirmed_by", "finalised_by")


@admin.register(CalibrationAdjustment)
class CalibrationAdjustmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("evaluation", "field", "old_value", "new_value", "created_at")
    raw_id_fields = ("assessment", "evaluation", "actor")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Objection)
class ObjectionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("evaluation", "status", "decide_by", "decider")
    list_filter = ("status",)
    raw_id_fields = ("evaluation", "filed_by", "decider", "decided_by")

    def _decided(self, obj: Any) -> bool:
        return obj is not None and obj.status != ObjectionStatus.PENDING

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._decided(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._decided(obj) and super().has_delete_permission(request, obj)


admin.site.register(Realisation, raw_id_fields=("plan", "indicator", "recorded_by"))
admin.site.register(Evidence, raw_id_fields=("realisation", "uploaded_by"))
admin.site.register(Feedback, raw_id_fields=("plan", "indicator", "author"))
admin.site.register(Dialogue, raw_id_fields=("plan", "recorded_by"))
