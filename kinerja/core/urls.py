from django.urls import path

from kinerja.core import views

app_name = "core"
urlpatterns = [
    path("masuk/", views.SignInView.as_view(), name="login"),
    path("keluar/", views.SignOutView.as_view(), name="logout"),
    path("ganti-sandi/", views.PasswordChangeView.as_view(), name="password-change"),
    path("audit/", views.AuditListView.as_view(), name="audit-list"),
]
