"""Seeds the social and solidarity economy topics in English, French, Spanish and Korean.

One row per topic and locale; the rows of a topic share a translation key and a
slug, so a catalogue filter such as ``?topic=cooperatives`` means the same thing
in every language. Existing rows (same slug and locale) are left as they are,
so an editor's rewording survives running the migration again.
"""

import uuid

from django.db import migrations

# slug: {language code: name}
TOPICS = {
    "cooperatives": {
        "en": "Cooperatives",
        "fr": "Coopératives",
        "es": "Cooperativas",
        "ko": "협동조합",
    },
    "social-enterprises": {
        "en": "Social enterprises",
        "fr": "Entreprises sociales",
        "es": "Empresas sociales",
        "ko": "사회적기업",
    },
    "public-procurement": {
        "en": "Public procurement",
        "fr": "Commande publique",
        "es": "Contratación pública",
        "ko": "공공조달",
    },
    "legal-frameworks": {
        "en": "Legal frameworks",
        "fr": "Cadres juridiques",
        "es": "Marcos jurídicos",
        "ko": "법제도",
    },
    "financing-the-social-economy": {
        "en": "Financing the social economy",
        "fr": "Financer l’économie sociale",
        "es": "Financiación de la economía social",
        "ko": "사회적경제 금융",
    },
    "local-development-strategy": {
        "en": "Local development strategy",
        "fr": "Stratégie de développement local",
        "es": "Estrategia de desarrollo local",
        "ko": "지역발전 전략",
    },
    "measuring-the-social-economy": {
        "en": "Measuring the social economy",
        "fr": "Mesurer l’économie sociale",
        "es": "Medición de la economía social",
        "ko": "사회적경제 측정",
    },
    "local-government-civil-society-partnerships": {
        "en": "Partnerships between local government and civil society",
        "fr": "Partenariats entre collectivités locales et société civile",
        "es": "Alianzas entre gobiernos locales y sociedad civil",
        "ko": "지방정부와 시민사회의 협력",
    },
    "social-innovation": {
        "en": "Social innovation",
        "fr": "Innovation sociale",
        "es": "Innovación social",
        "ko": "사회혁신",
    },
    "community-based-solutions": {
        "en": "Community-based solutions",
        "fr": "Solutions portées par les communautés",
        "es": "Soluciones comunitarias",
        "ko": "공동체 기반 해법",
    },
}


def seed_topics(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Topic = apps.get_model("courses", "Topic")
    locales = {}
    for code in ("en", "fr", "es", "ko"):
        locales[code], _ = Locale.objects.get_or_create(language_code=code)

    for slug, names in TOPICS.items():
        # Join an existing translation group if any language already has the topic.
        existing = Topic.objects.filter(slug=slug).order_by("pk").first()
        translation_key = existing.translation_key if existing else uuid.uuid4()
        for code, name in names.items():
            Topic.objects.get_or_create(
                slug=slug,
                locale=locales[code],
                defaults={"name": name, "translation_key": translation_key},
            )


def remove_topics(apps, schema_editor):
    Topic = apps.get_model("courses", "Topic")
    Topic.objects.filter(slug__in=TOPICS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_course_trainer_groups"),
        ("cms", "0002_initial_site"),
    ]

    operations = [migrations.RunPython(seed_topics, remove_topics)]
