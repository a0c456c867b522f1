"""Evaluation (Kirkpatrick levels 1 and 3): questionnaires authored in Wagtail, the
end-of-course questionnaire offered at completion, the follow-up impact survey sent by
the notifications sweep, and their results (docs/architecture.md, "Evaluation")."""
