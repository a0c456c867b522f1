"""Creates the platform roles as Wagtail groups with the admin permissions they need.

Trainers get page permissions per course from the service that assigns them (the
courses issue); the secretariat's page permissions on the site tree are granted by
cms.0002_initial_site once the home page exists.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Secretariat": {
        "model": [
            ("wagtailadmin", "admin", "access_admin"),
            ("lms", "organisation", "add_organisation"),
            ("lms", "organisation", "change_organisation"),
            ("lms", "organisation", "delete_organisation"),
            ("lms", "organisation", "view_organisation"),
            ("lms", "membership", "add_membership"),
            ("lms", "membership", "change_membership"),
            ("lms", "membership", "delete_membership"),
            ("lms", "membership", "view_membership"),
            ("lms", "user", "add_user"),
            ("lms", "user", "change_user"),
            ("lms", "user", "view_user"),
            ("wagtailcore", "locale", "view_locale"),
        ],
        "collection": [
            ("wagtailimages", "image", "add_image"),
            ("wagtailimages", "image", "change_image"),
            ("wagtailimages", "image", "choose_image"),
            ("wagtaildocs", "document", "add_document"),
            ("wagtaildocs", "document", "change_document"),
            ("wagtaildocs", "document", "choose_document"),
        ],
    },
    "Trainers": {
        "model": [("wagtailadmin", "admin", "access_admin")],
        "collection": [
            ("wagtailimages", "image", "add_image"),
            ("wagtailimages", "image", "choose_image"),
            ("wagtaildocs", "document", "add_document"),
            ("wagtaildocs", "document", "choose_document"),
        ],
    },
    "Coordinators": {
        "model": [
            ("wagtailadmin", "admin", "access_admin"),
            ("lms", "organisation", "view_organisation"),
            ("lms", "membership", "view_membership"),
        ],
        "collection": [],
    },
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get(content_type=content_type, codename=codename)


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.get(depth=1)
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(_permission(apps, *spec) for spec in grants["model"]))
        for spec in grants["collection"]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(apps, *spec)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0002_organisation_logo"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
