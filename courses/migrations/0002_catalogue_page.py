"""Creates the course catalogue under the home page."""

import uuid

from django.db import migrations


def create_catalogue(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("cms", "HomePage")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    if CourseIndexPage.objects.exists():
        return
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="courses", model="courseindexpage"
    )
    CourseIndexPage.objects.create(
        title="Courses",
        draft_title="Courses",
        slug="courses",
        content_type=content_type,
        path=f"{home.path}{home.numchild + 1:04d}",
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}courses/",
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        intro="",
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_course_pages"),
        ("cms", "0002_initial_site"),
    ]

    operations = [migrations.RunPython(create_catalogue, migrations.RunPython.noop)]
