"""Django admin for operators (superusers): rounds and who was asked to rate whom — never the
answers. Anonymity holds here too:

* `Answer` is not registered at all: no admin screen lists answers, with or without a name.
* `Assignment` shows the rater, the person rated and the status (what the progress page shows)
  but not the draft: its `draft` field is excluded, and every field is read-only, so the admin
  cannot re-route an assignment either. Changes go through the services (audited).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kinerja.behaviour.models import Assignment, FeedbackRound


@admin.register(FeedbackRound)
class FeedbackRoundAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "period", "status", "closes_on", "min_respondents")
    list_filter = ("status", "period")
    search_fields = ("name",)
    readonly_fields = ("status", "opened_at", "opened_by", "closed_at", "closed_by", "created_by")
    raw_id_fields = ("period", "units")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a draft is deleted by the agency admin's audited service


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("round", "subject", "rater", "relation", "status")
    list_filter = ("status", "relation")
    search_fields = ("subject__name", "rater__name")
    exclude = ("draft",)
    readonly_fields = (
        "round",
        "subject",
        "subject_unit",
        "rater",
        "relation",
        "status",
        "submitted_at",
        "added_by",
        "agency",
        "version",
    )

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("draft")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
