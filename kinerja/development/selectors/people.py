"""One employee's development: JP of the year, recommendations, plans and records; and the
lists of recommendations and plans in the user's reach."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.development import rules
from kinerja.development.models import (
    DevelopmentPlan,
    DevelopmentRecord,
    PlanItem,
    Recommendation,
    RecommendationStatus,
)
from kinerja.org.models import Employee
from kinerja.org.permissions import employee_scope


def employees_in_reach(user: User) -> QuerySet[Employee]:
    """`development.view_development` as a query: the employees whose development the user sees."""
    return Employee.objects.filter(employee_scope(actor_of(user)))


def get_employee_for(user: User, pk: int) -> Employee:
    """An employee whose development the user may see; else 404."""
    employee = (
        Employee.objects.select_related("unit", "position", "supervisor").filter(pk=pk).first()
    )
    if employee is None or not user.has_perm("development.view_development", employee):
        raise Http404
    return employee


def jp_of(employee_id: int, year: int) -> int:
    """The employee's completed JP in a year."""
    total = DevelopmentRecord.objects.filter(employee_id=employee_id, year=year).aggregate(
        total=Sum("jp")
    )["total"]
    return int(total or 0)


@dataclass(frozen=True)
class Standing:
    """Where the employee stands against the 20 JP of the year."""

    year: int
    total: int

    @property
    def shortfall(self) -> int:
        return rules.jp_shortfall(self.total)

    @property
    def is_short(self) -> bool:
        return rules.is_short_of_jp(self.total)

    @property
    def minimum(self) -> int:
        return rules.MINIMUM_JP_PER_YEAR

    @property
    def percent(self) -> int:
        return min(100, self.total * 100 // rules.MINIMUM_JP_PER_YEAR)


@dataclass
class Development:
    employee: Employee
    standing: Standing
    recommendations: list[Recommendation]
    plan: DevelopmentPlan | None
    items: list[PlanItem]
    records: list[DevelopmentRecord]


def development_of(employee: Employee, year: int) -> Development:
    """Everything the development page of an employee shows (five queries)."""
    plan = DevelopmentPlan.objects.filter(employee=employee, year=year).first()
    items = list(plan_items(plan)) if plan else []
    return Development(
        employee=employee,
        standing=Standing(year, jp_of(employee.pk, year)),
        recommendations=list(
            Recommendation.objects.filter(employee=employee)
            .filter(Q(year=year) | Q(status=RecommendationStatus.OPEN))
            .select_related("suggested_training", "competency")
            .order_by("status", "-year", "reason", "pk")
        ),
        plan=plan,
        items=items,
        records=list(
            DevelopmentRecord.objects.filter(employee=employee, year=year).select_related(
                "training"
            )
        ),
    )


def plan_items(plan: DevelopmentPlan) -> QuerySet[PlanItem]:
    return (
        PlanItem.objects.filter(plan=plan)
        .select_related("training", "trainer__employee", "recommendation", "record")
        .order_by("start_date", "pk")
    )


def get_plan_for(user: User, pk: int) -> DevelopmentPlan:
    """A plan whose owner's development the user may see; else 404 (the access choke point)."""
    plan = (
        DevelopmentPlan.objects.select_related(
            "employee", "employee__unit", "employee__supervisor", "agreed_by"
        )
        .filter(pk=pk)
        .first()
    )
    if plan is None or not user.has_perm("development.view_development", plan):
        raise Http404
    return plan


def get_item_for(user: User, pk: int) -> PlanItem:
    item = (
        PlanItem.objects.select_related(
            "plan", "plan__employee", "plan__employee__unit", "training"
        )
        .filter(pk=pk)
        .first()
    )
    if item is None or not user.has_perm("development.view_development", item.plan):
        raise Http404
    return item


def get_recommendation_for(user: User, pk: int) -> Recommendation:
    found = (
        Recommendation.objects.select_related("employee", "employee__unit").filter(pk=pk).first()
    )
    if found is None or not user.has_perm("development.view_development", found):
        raise Http404
    return found


def get_record_for(user: User, pk: int) -> DevelopmentRecord:
    found = (
        DevelopmentRecord.objects.select_related("employee", "employee__unit").filter(pk=pk).first()
    )
    if found is None or not user.has_perm("development.view_development", found):
        raise Http404
    return found


def recommendations_visible_to(
    user: User, *, q: str = "", status: str = "", reason: str = "", year: int | None = None
) -> QuerySet[Recommendation]:
    found = Recommendation.objects.filter(employee__in=employees_in_reach(user)).select_related(
        "employee", "employee__unit", "suggested_training"
    )
    if q:
        found = found.filter(
            Q(employee__name__icontains=q)
            | Q(employee__nip__startswith=q)
            | Q(reason_text__icontains=q)
        )
    if status:
        found = found.filter(status=status)
    if reason:
        found = found.filter(reason=reason)
    if year:
        found = found.filter(year=year)
    return found.order_by("status", "employee__name", "reason", "pk")


def plans_visible_to(
    user: User, *, q: str = "", status: str = "", year: int | None = None
) -> QuerySet[DevelopmentPlan]:
    found = DevelopmentPlan.objects.filter(employee__in=employees_in_reach(user)).select_related(
        "employee", "employee__unit"
    )
    if q:
        found = found.filter(Q(employee__name__icontains=q) | Q(employee__nip__startswith=q))
    if status:
        found = found.filter(status=status)
    if year:
        found = found.filter(year=year)
    return found.annotate(planned_jp=Sum("items__jp"), planned_cost=Sum("items__cost")).order_by(
        "-year", "employee__name", "pk"
    )
