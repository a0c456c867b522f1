"""The library's taxonomies: fixed lists with translated labels (gettext), the same
values in every language so that a filter survives a language switch."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.models import Region  # noqa: F401 (the regions of GSEF members, re-exported)


class Kind(models.TextChoices):
    CASE_STUDY = "case_study", _("Case study")
    POLICY_BRIEF = "policy_brief", _("Policy brief")
    TOOLKIT = "toolkit", _("Toolkit")
    PUBLICATION = "publication", _("Publication")


class Sector(models.TextChoices):
    """The social and solidarity economy sector an item is about (the index's "topic")."""

    COOPERATIVES = "cooperatives", _("Cooperatives and mutuals")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprises")
    FINANCE = "finance", _("Solidarity finance")
    CARE = "care", _("Care and social services")
    FOOD = "food", _("Food and agriculture")
    HOUSING = "housing", _("Housing")
    CIRCULAR = "circular", _("Circular economy and recycling")
    CULTURE = "culture", _("Culture and tourism")
    WORK_INTEGRATION = "work_integration", _("Work integration")


class Instrument(models.TextChoices):
    """The public policy instrument a case or brief describes."""

    LAW = "law", _("Law or framework")
    PROCUREMENT = "procurement", _("Public procurement")
    FUNDING = "funding", _("Funding and finance")
    SUPPORT_CENTRE = "support_centre", _("Incubation and support centres")
    CO_CONSTRUCTION = "co_construction", _("Partnership and co-construction")
    ASSETS = "assets", _("Public assets and land")
    TRAINING = "training", _("Training and education")
    MEASUREMENT = "measurement", _("Statistics and measurement")
