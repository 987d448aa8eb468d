from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("工作要点")

    def ready(self):
        from tasks.deadlines import register_deadlines

        register_deadlines()
        from tasks.places import register_places

        register_places()
