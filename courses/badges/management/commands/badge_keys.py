"""manage.py badge_keys generate PATH | status

- ``generate PATH``: a new RSA-3072 private key (PEM, mode 0600) at PATH, never over an
  existing file; point BADGE_SIGNING_KEY_FILE at it. To rotate, copy the old key's public
  half (``export-public``) into BADGE_PUBLIC_KEYS_DIR first, so older badges still verify.
- ``export-public PATH``: the current signing key's public half as PEM at PATH.
- ``status``: the current key's id, where it comes from, the retired keys' ids.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from joserfc.jwk import RSAKey

from courses.badges import keys


class Command(BaseCommand):
    help = "Make and inspect the keys that sign Open Badges credentials."
    requires_system_checks = []  # it makes the key those checks look for

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        generate = sub.add_parser("generate", help="write a new private key (PEM) to PATH")
        generate.add_argument("path")
        export = sub.add_parser("export-public", help="write the current public key to PATH")
        export.add_argument("path")
        sub.add_parser("status", help="show the current and retired keys")

    def handle(self, *args, action: str, **options):
        if action == "generate":
            return self._generate(Path(options["path"]))
        if action == "export-public":
            return self._export(Path(options["path"]))
        status = keys.key_status()
        self.stdout.write(f"current: {status.current_kid} ({status.source})")
        for kid in status.retired_kids:
            self.stdout.write(f"retired: {kid}")
        return None

    def _write(self, path: Path, data: bytes, mode: int) -> None:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError as error:
            raise CommandError(f"{path} exists; choose a new file for the key.") from error
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}.") from error
        with os.fdopen(fd, "wb") as out:
            out.write(data)

    def _generate(self, path: Path) -> None:
        pem = keys.generate_pem()
        self._write(path, pem, 0o600)
        kid = RSAKey.import_key(pem).thumbprint()
        self.stdout.write(f"Wrote a {keys.GENERATED_BITS}-bit RSA key to {path} (kid {kid}).")
        self.stdout.write(f"Set BADGE_SIGNING_KEY_FILE={path} to sign badges with it.")

    def _export(self, path: Path) -> None:
        _kid, key = keys.signing_key()
        public = RSAKey.import_key(key.as_dict(private=False))
        self._write(path, public.as_pem(private=False), 0o644)
        self.stdout.write(f"Wrote the public key {key.thumbprint()} to {path}.")
