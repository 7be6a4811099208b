from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "kinerja.forum"
    label = "forum"
    verbose_name = "Sosialisasi dan forum"
