"""Serve a page a few times in this process, counting only the measured requests.

Run under ``valgrind --tool=callgrind`` by
``tests.benchmarks.instructions``, in our project or in the stock ``wagtail start`` one (it
imports nothing of ours): ``DJANGO_SETTINGS_MODULE`` chooses which. The request is what
gunicorn hands Django (a WSGI environ), with a browser's gzip and the load balancer's
``X-Forwarded-Proto``. The caller runs it twice, with and without the counted requests,
and takes the difference: start-up and warm-up are then not in the count.

    python tests/benchmarks/serve_once.py PATH [--cookie C] [--warm 3] [--count 3]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time


def environ(path: str, cookie: str) -> dict:
    route, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "localhost",
        "HTTP_ACCEPT_ENCODING": "gzip, deflate",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_COOKIE": cookie,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--cookie", default="")
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--count", type=int, default=3)
    arguments = parser.parse_args()
    sys.path.insert(0, os.getcwd())
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    def serve() -> int:
        body = application(environ(arguments.path, arguments.cookie), start_response)
        try:
            return sum(len(chunk) for chunk in body)
        finally:
            getattr(body, "close", lambda: None)()

    for _ in range(arguments.warm):
        serve()
    # CPU per request: the least of five batches' means (the one least disturbed by
    # whatever else the machine runs; valgrind's count ignores this line).
    batches, sizes = [], [0]
    for batch in range(5):
        per_batch = arguments.count // 5 + (batch < arguments.count % 5)
        started = time.process_time()
        sizes += [serve() for _ in range(per_batch)]
        if per_batch:
            batches.append((time.process_time() - started) / per_batch)
    cpu = min(batches, default=0) * 1000
    print(f"SERVED {statuses[-1]} {sizes[-1]} bytes", flush=True)
    print(f"CPU {cpu:.3f} ms", flush=True)
    return 0 if statuses[-1].startswith("200") else 1


if __name__ == "__main__":
    sys.exit(main())
