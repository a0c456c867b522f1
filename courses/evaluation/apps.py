from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Questionnaires, responses and their results (Kirkpatrick levels 1 and 3)."""

    name = "courses.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.evaluation import personal_data

        personal_data.register()  # responses in "Download my data", anonymised on erasure
