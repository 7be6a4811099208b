from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "kinerja.talent"
    label = "talent"
    verbose_name = "Manajemen talenta"
