"""Worker settings for the "killed mid-render" test: lms.settings, with the certificate
renderer held up until the test has killed the worker.

When the renderer starts it creates ``$RENDER_STARTED_FILE``, then waits (up to a
minute) for ``$RENDER_RELEASE_FILE`` to exist. The test kills the worker in between.
"""

import os
import time
from pathlib import Path

from courses.services import certificate_pdf  # importable before Django is set up
from lms.settings import *  # noqa: F403

_render = certificate_pdf.render_certificate_pdf


def _held_render(document):
    Path(os.environ["RENDER_STARTED_FILE"]).touch()
    release = Path(os.environ["RENDER_RELEASE_FILE"])
    deadline = time.monotonic() + 60
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return _render(document)


certificate_pdf.render_certificate_pdf = _held_render
