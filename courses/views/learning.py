"""The learner's actions: enrol, withdraw, complete a module, submit a quiz; the dashboard."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def dashboard(request):
    return render(request, "courses/dashboard.html", {})
