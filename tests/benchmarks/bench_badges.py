"""How long a badge takes to sign and to verify (issue 20's budget: 5 ms a credential).

    .venv/bin/python -m tests.benchmarks.bench_badges [--count 500]

Needs Django's settings (``tests.settings``) but no database: it builds the credential of
an unsaved certificate (the JSON ``credential_issue`` stores) and signs it with a new
RSA-3072 key (what ``manage.py badge_keys generate`` makes, the production size), then
checks signatures as ``verify_credential`` does (joserfc) and as an outside verifier would
(PyJWT). Prints a Markdown table: median and p95 per credential, wall and CPU time.
The database work around it (about 15 queries when a credential is first made, one after)
is measured by the tests' query counts, not here.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from importlib.metadata import version

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def _measure(function, count: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for n in range(count):
        wall, cpu = time.perf_counter(), time.process_time()
        function(n)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus


def _row(name: str, walls: list[float], cpus: list[float]) -> str:
    p95 = lambda values: statistics.quantiles(values, n=20)[18]  # noqa: E731
    return (
        f"| {name} | {statistics.median(walls):.2f} | {p95(walls):.2f} | "
        f"{statistics.median(cpus):.2f} | {p95(cpus):.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    count = parser.parse_args().count

    key_dir = tempfile.mkdtemp(prefix="bench-badges-")
    key_file = os.path.join(key_dir, "key.pem")
    from joserfc.jwk import RSAKey

    with open(key_file, "wb") as out:
        out.write(RSAKey.generate_key(3072, private=True).as_pem(private=True))
    os.environ["BADGE_SIGNING_KEY_FILE"] = key_file

    import django

    django.setup()
    import jwt
    from joserfc import jws

    from courses.badges import credentials, keys
    from courses.badges.verification import verify_credential  # noqa: F401 (imports warm)
    from courses.models import Certificate
    from lms.models import User

    issuer = {"id": credentials.issuer_id(), "type": ["Profile"], "name": "GSEF Academy"}
    issued = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
    certificates = [
        Certificate(
            kind=Certificate.Kind.COMPLETION,
            code=f"{n:028d}",
            course_key="5b0c6f0e-4d7a-4c52-9a57-0d1f3b1e6a20",
            language=("en", "fr", "es", "ko")[n % 4],
            learner_name="Aminata Diarra",
            title="Économie sociale et solidaire : construire des écosystèmes locaux",
            hours=Decimal("12.5"),
            completed_on=date(2026, 3, 10),
            issuer="GSEF Academy",
            issued_at=issued + timedelta(minutes=n),
            user=User(email=f"learner{n}@example.org"),
        )
        for n in range(count)
    ]
    tokens: list[str] = []

    def sign(n: int) -> None:
        certificate = certificates[n]
        achievement = credentials.achievement(
            certificate, page=None, topics=[], badge=None, language=certificate.language
        )
        payload = credentials.credential_json(
            certificate,
            achievement=achievement,
            issuer=issuer,
            status_index=n,
            list_number=0,
            valid_until=certificate.issued_at + timedelta(days=730),
        )
        tokens.append(credentials.sign(credentials.jwt_claims(payload))[1])

    public = keys.public_key(keys.ring().kid)
    pyjwt_key = jwt.PyJWK(keys.public_jwk(keys.ring().kid)).key

    def check_joserfc(n: int) -> None:
        jws.deserialize_compact(tokens[n], public, algorithms=["RS256"])

    def check_pyjwt(n: int) -> None:
        jwt.decode(tokens[n], pyjwt_key, algorithms=["RS256"], options={"verify_exp": False})

    sign(0)  # warm: translations, URL resolver
    tokens.clear()
    rows = [
        _row("build + sign (credential_json, RS256-3072)", *_measure(sign, count)),
        _row("verify signature (joserfc)", *_measure(check_joserfc, count)),
        _row("verify signature (PyJWT)", *_measure(check_pyjwt, count)),
    ]
    sizes = sorted(len(token) for token in tokens)
    print(
        f"{count} credentials, Python {platform.python_version()}, joserfc "
        f"{version('joserfc')}, cryptography {version('cryptography')}, PyJWT "
        f"{version('PyJWT')}; JWS {sizes[0]} to {sizes[-1]} bytes\n"
    )
    print("| step | median ms | p95 ms | median CPU ms | p95 CPU ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    os.unlink(key_file)
    os.rmdir(key_dir)


if __name__ == "__main__":
    main()
