"""The "Secretariat review" workflow: trainers submit, the secretariat approves and publishes.

Where it applies. ``WorkflowPage`` links it to the root page, so it covers every
locale's home page and everything below - including catalogue and course
translations created later, which a link on the English catalogue alone would
miss (each language has its own home page directly under the root). It is also
linked to every existing catalogue page, so that a workflow someone later gives
a home page (the nearest link wins) does not silently take over the courses.
Pages only the secretariat edits (home, standard pages) go through it too, but
the secretariat holds publish rights and publishes them directly.

Wagtail's defaults. Its "Moderators approval" workflow sits on the root page;
the root can hold one workflow only, so it is deactivated (in-progress reviews
cancelled, links removed; the history stays). Wagtail's "Editors" and
"Moderators" groups hold add/edit/publish rights on the root page - the whole
site - which nobody on this platform should get by accident: they are deleted
when nobody belongs to them, and left alone otherwise.
"""

from django.db import migrations

WORKFLOW = "Secretariat review"
TASK = "Secretariat approval"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return

    # Wagtail's default workflow, if it still holds the root page.
    for default in Workflow.objects.filter(
        name=WAGTAIL_DEFAULT_WORKFLOW, workflow_pages__page=root, active=True
    ):
        TaskState.objects.filter(workflow_state__workflow=default, status="in_progress").update(
            status="cancelled"
        )
        WorkflowState.objects.filter(workflow=default, status="in_progress").update(
            status="cancelled"
        )
        WorkflowPage.objects.filter(workflow=default).delete()
        WorkflowContentType.objects.filter(workflow=default).delete()
        default.active = False
        default.save(update_fields=["active"])
        GroupApprovalTask.objects.filter(
            workflow_tasks__workflow=default, name=WAGTAIL_DEFAULT_WORKFLOW
        ).update(active=False)

    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        if not group.user_set.exists():
            group.delete()

    secretariat = Group.objects.get(name="Secretariat")
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(secretariat)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    for page in [root, *CourseIndexPage.objects.all()]:
        WorkflowPage.objects.update_or_create(page_id=page.pk, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")

    Workflow.objects.filter(name=WORKFLOW).delete()
    Task.objects.filter(name=TASK).delete()
    # Give the root page back to Wagtail's default workflow; the deleted groups stay deleted.
    default = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
    root = Page.objects.filter(depth=1).first()
    if default is not None and root is not None:
        default.active = True
        default.save(update_fields=["active"])
        WorkflowPage.objects.get_or_create(page_id=root.pk, defaults={"workflow": default})


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_seed_sse_topics"),
        ("lms", "0003_platform_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
