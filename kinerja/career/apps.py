from django.apps import AppConfig


class CareerConfig(AppConfig):
    name = "kinerja.career"
    label = "career"
    verbose_name = "Karier"
