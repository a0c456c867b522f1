"""A local webhook receiver for trying the webhooks on a development machine: prints each
event it receives and whether its signature is valid for the endpoint's secret.

    python manage.py webhooks_listen --port 8001 --secret whsec_...

then add the endpoint http://127.0.0.1:8001/ in the admin (Learning → Webhooks; plain
http to localhost needs WEBHOOKS_ALLOW_PRIVATE_URLS, on by default with DEBUG=1), and
give this command the secret shown there. ``--status 503`` answers every request with
503 (a receiver that is down), to watch the retries in the delivery log.
"""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

from django.core.management.base import BaseCommand

from courses.webhooks.signing import signature

TOLERANCE_SECONDS = 5 * 60


def check(secret: str, headers, body: bytes) -> str:
    """ "valid", or what is wrong, as the Standard Webhooks libraries decide it."""
    try:
        timestamp = int(headers.get("webhook-timestamp", ""))
    except ValueError:
        return "no webhook-timestamp"
    if abs(time.time() - timestamp) > TOLERANCE_SECONDS:
        return "timestamp too far from now"
    expected = signature(
        secret=secret, event_id=headers.get("webhook-id", ""), timestamp=timestamp, body=body
    )
    offered = headers.get("webhook-signature", "").split()
    return "valid" if expected in offered else "INVALID signature"


class Command(BaseCommand):
    help = "Receive webhooks on 127.0.0.1 and print them, with their signature check."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8001)
        parser.add_argument("--secret", default="", help="The endpoint's whsec_… secret.")
        parser.add_argument("--status", type=int, default=200, help="The status to answer.")

    def handle(self, *args, port: int, secret: str, status: int, **options):
        out = self.stdout

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {key.lower(): value for key, value in self.headers.items()}
                verdict = check(secret, headers, body) if secret else "not checked (no --secret)"
                try:
                    event = json.loads(body)
                except ValueError:
                    event = {"type": "(not JSON)"}
                out.write(
                    f"{event.get('type')} {headers.get('webhook-id')} signature: {verdict}\n"
                    f"{json.dumps(event.get('data'), ensure_ascii=False, indent=2)}\n"
                )
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        server = HTTPServer(("127.0.0.1", port), Handler)
        out.write(f"Listening on http://127.0.0.1:{port}/ (Ctrl-C to stop)\n")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
