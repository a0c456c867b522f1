"""Replaces Wagtail's welcome page with the GSEF Academy home page, creates the
locales (en, fr, es, ko) and gives the secretariat the page permissions on the site."""

import uuid

from django.db import migrations

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def create_site(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    HomePage = apps.get_model("cms", "HomePage")

    english, _ = Locale.objects.get_or_create(language_code="en")
    for code in ("fr", "es", "ko"):
        Locale.objects.get_or_create(language_code=code)

    if HomePage.objects.exists():
        return
    root = Page.objects.get(depth=1)
    home_type, _ = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    home = HomePage.objects.create(
        title="GSEF Academy",
        draft_title="GSEF Academy",
        slug="home",
        content_type=home_type,
        path=f"{root.path}{root.numchild + 1:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=english,
        translation_key=uuid.uuid4(),
        live=True,
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "site_name": "GSEF Academy",
            "root_page": home,
        },
    )
    # Wagtail's "Welcome to your new Wagtail site!" page, now that no site points to it.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", slug="home").delete()
    root.numchild = Page.objects.filter(depth=2, path__startswith=root.path).count()
    root.save(update_fields=["numchild"])

    secretariat = Group.objects.get(name="Secretariat")
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=secretariat,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_home_page"),
        ("lms", "0003_platform_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_site, migrations.RunPython.noop)]
