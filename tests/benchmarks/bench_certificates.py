"""How fast one process renders certificate PDFs, and how much memory it takes.

    .venv/bin/python -m tests.benchmarks.bench_certificates [--count 1000] [--profile]

Needs Django's settings (``tests.settings``: labels, dates) but no database. Renders
``--count`` certificates one after another on one process (one core): learners' names
in Korean, accented Spanish, Arabic, Cyrillic and plain Latin, labels in en/fr/es/ko,
course titles short and long, two host logos (600 x 200 PNG, what the certificate
service passes) and two signatories, each with its own code and verification address.
Prints a Markdown table: the first (cold) certificate, the median and p95 of the others
in wall and in CPU time (the CPU time leaves out waiting for a core that another process
holds), the throughput, the PDF sizes, the peak Python allocations (tracemalloc, a
separate pass of 100 certificates, as tracing slows rendering) and the process's peak
resident memory.
``--profile`` prints the 25 costliest functions instead (cProfile).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import random
import resource
import statistics
import time
import tracemalloc
from datetime import date, timedelta
from decimal import Decimal
from importlib.metadata import version

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

GIVEN_AND_FAMILY = {
    "ko": (["민지", "서준", "지우", "하은", "도윤"], ["김", "이", "박", "최", "정"]),
    "es": (["José", "María", "Ángela", "Íñigo", "Begoña"], ["Núñez", "Peña", "Ibáñez", "Ortúzar"]),
    "ar": (
        ["فاطمة", "محمد", "عائشة", "يوسف", "ليلى"],
        ["الزهراء", "عبد الله", "الحسيني", "بن علي"],
    ),
    "ru": (["Анна", "Иван", "Ольга", "Дмитрий", "Юлия"], ["Петрова", "Смирнов", "Кузнецова"]),
    "en": (["John", "Claire", "Amadou", "Priya", "Sam"], ["Smith", "Dubois", "Diallo", "Okafor"]),
}
TITLES = (
    "Social and solidarity economy: building local ecosystems",
    "Économie sociale et solidaire : construire des écosystèmes locaux avec les collectivités",
    "Economía social y solidaria para gobiernos locales",
    "사회적경제 생태계 조성을 위한 지방정부의 역할",
    "Социальная и солидарная экономика: местные экосистемы",
    "الاقتصاد الاجتماعي والتضامني والحكومات المحلية",
    "Public procurement",
)
LANGUAGES = ("en", "fr", "es", "ko")
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"


def _logo(colour: tuple[int, int, int], text: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 200, 200), 36, fill=(*colour, 255))
    draw.text((230, 60), text, fill=(27, 36, 48, 255), font_size=64)
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def _name(rng: random.Random, script: str) -> str:
    given, family = GIVEN_AND_FAMILY[script]
    first, last = rng.choice(given), rng.choice(family)
    return f"{last}{first}" if script == "ko" else f"{first} {last}"


def documents(count: int) -> list:
    from courses.services.certificate_pdf import CertificateDocument, HostLogo

    rng = random.Random(20261127)
    hosts = (
        HostLogo("Seoul Social Economy Center", _logo((11, 92, 171), "Seoul SE")),
        HostLogo("Réseau des collectivités (RTES)", _logo((184, 70, 27), "RTES")),
    )
    scripts = list(GIVEN_AND_FAMILY)
    result = []
    for index in range(count):
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(16))
        shown = "-".join(code[start : start + 4] for start in range(0, 16, 4))
        result.append(
            CertificateDocument(
                kind="completion" if index % 5 else "participation",
                language=LANGUAGES[index % len(LANGUAGES)],
                learner_name=_name(rng, scripts[index % len(scripts)]),
                title=rng.choice(TITLES),
                hours=Decimal(rng.choice(["1.5", "6", "12", "24"])),
                minutes=rng.randint(45, 120),
                completed_on=date(2027, 1, 1) + timedelta(days=rng.randint(0, 364)),
                hosts=hosts,
                signatories=(
                    (_name(rng, "ko"), "Secretary General, GSEF"),
                    (_name(rng, "es"), "Director, GSEF Academy"),
                ),
                code=shown,
                verification_url=f"https://academy.example.org/verify/{shown}/",
                issuer="Global Social Economy Forum",
            )
        )
    return result


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary")
    arguments = parser.parse_args()

    import django

    django.setup()
    from courses.services.certificate_pdf import render_certificate_pdf

    batch = documents(arguments.count)
    setup_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    if arguments.profile:
        import cProfile
        import pstats

        render_certificate_pdf(batch[0])
        profiler = cProfile.Profile()
        profiler.enable()
        for document in batch:
            render_certificate_pdf(document)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return

    started = time.perf_counter()
    render_certificate_pdf(batch[0])
    cold = time.perf_counter() - started

    durations, cpu_durations, sizes = [], [], []
    wall, cpu = time.perf_counter(), time.process_time()
    for document in batch:
        started, cpu_started = time.perf_counter(), time.process_time()
        sizes.append(len(render_certificate_pdf(document)))
        durations.append(time.perf_counter() - started)
        cpu_durations.append(time.process_time() - cpu_started)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

    tracemalloc.start()
    for document in batch[:100]:
        render_certificate_pdf(document)
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    print(
        f"Python {platform.python_version()}, reportlab {version('reportlab')}, "
        f"rl-accel {version('rl-accel')}, segno {version('segno')}, "
        f"arabic-reshaper {version('arabic-reshaper')}, python-bidi {version('python-bidi')}; "
        f"{platform.processor() or platform.machine()}, one process"
    )
    print()
    print("| what | value |")
    print("| --- | --- |")
    print(f"| certificates rendered | {len(batch):,} (after one cold render) |")
    print(f"| first certificate (fonts parsed, logos prepared) | {cold * 1000:.0f} ms |")
    for label, values in (("wall", durations), ("CPU", cpu_durations)):
        median, p95 = statistics.median(values) * 1000, _percentile(values, 0.95) * 1000
        print(
            f"| per certificate, {label} time | median **{median:.1f} ms**, "
            f"p95 {p95:.1f} ms, max {max(values) * 1000:.1f} ms |"
        )
    print(
        f"| throughput, one process | **{len(batch) / wall:.0f} certificates/s** of wall time, "
        f"{len(batch) / cpu:.0f} per CPU second (the process had the CPU {cpu / wall:.0%} "
        "of the time) |"
    )
    print(
        f"| PDF size | median {statistics.median(sizes) / 1024:.0f} KiB, "
        f"max {max(sizes) / 1024:.0f} KiB |"
    )
    print(
        "| peak Python allocations while rendering (tracemalloc, 100 certificates, "
        f"warm caches) | {traced_peak / 2**20:.1f} MiB |"
    )
    print(
        f"| peak resident memory (ru_maxrss) | {max_rss:.0f} MiB "
        f"({setup_rss:.0f} MiB after Django's setup, before the first certificate) |"
    )


if __name__ == "__main__":
    main()
