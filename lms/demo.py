"""GSEF demo data: member organisations and one account per role, and more.

Every demo account uses the ``DEMO_EMAIL_DOMAIN`` (a reserved ``.example``
domain, so no e-mail can ever reach a real person) and the ``DEMO_PASSWORD``.
The members GSEF names on its own pages come first; the others are realistic
members across every region, invented for the demo.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from lms import roles
from lms.models import Membership, Organisation, Region, User
from lms.services import membership_create, user_create

DEMO_EMAIL_DOMAIN = "demo.gsef-academy.example"
DEMO_PASSWORD = "gsef-demo-2026"  # noqa: S105 (published on purpose: demo only)

LG = Organisation.Kind.LOCAL_GOVERNMENT
NET = Organisation.Kind.SSE_NETWORK

ORGANISATIONS = [
    # short name, name, kind, country, city, region, joined GSEF
    ("Seoul", "Seoul Metropolitan Government", LG, "KR", "Seoul", Region.ASIA_PACIFIC, 2013),
    ("Mexico City", "Government of Mexico City", LG, "MX", "Mexico City", Region.AMERICAS, 2016),
    ("Bamako", "District of Bamako", LG, "ML", "Bamako", Region.AFRICA, 2016),
    ("Montréal", "Ville de Montréal", LG, "CA", "Montréal", Region.AMERICAS, 2014),
    ("Bilbao", "Bilbao City Council", LG, "ES", "Bilbao", Region.EUROPE, 2018),
    ("Barcelona", "Barcelona City Council", LG, "ES", "Barcelona", Region.EUROPE, 2016),
    ("Glasgow", "Glasgow City Council", LG, "GB", "Glasgow", Region.EUROPE, 2019),
    ("SEE", "Social Economy Europe", NET, "BE", "Brussels", Region.EUROPE, 2017),
    ("Dakar", "City of Dakar", LG, "SN", "Dakar", Region.AFRICA, 2018),
    ("eThekwini", "eThekwini Municipality", LG, "ZA", "Durban", Region.AFRICA, 2019),
    ("Chantier", "Chantier de l'économie sociale", NET, "CA", "Montréal", Region.AMERICAS, 2013),
    ("Montevideo", "Intendencia de Montevideo", LG, "UY", "Montevideo", Region.AMERICAS, 2018),
    ("Gwangju", "Gwangju Metropolitan City", LG, "KR", "Gwangju", Region.ASIA_PACIFIC, 2015),
    (
        "ASEC",
        "Asian Solidarity Economy Council",
        NET,
        "PH",
        "Quezon City",
        Region.ASIA_PACIFIC,
        2014,
    ),
    ("Quezon City", "Quezon City Government", LG, "PH", "Quezon City", Region.ASIA_PACIFIC, 2020),
    ("Amman", "Greater Amman Municipality", LG, "JO", "Amman", Region.MIDDLE_EAST, 2021),
    ("Beirut", "Municipality of Beirut", LG, "LB", "Beirut", Region.MIDDLE_EAST, 2022),
]


@dataclass(frozen=True)
class DemoPerson:
    local_part: str
    full_name: str
    language: str
    time_zone: str
    organisation: str | None = None
    role: str = Membership.Role.LEARNER
    confirmed: bool = True
    platform_group: str | None = None

    @property
    def email(self) -> str:
        return f"{self.local_part}@{DEMO_EMAIL_DOMAIN}"


COORD = Membership.Role.COORDINATOR

PEOPLE = [
    DemoPerson(
        "secretariat",
        "GSEF Secretariat (demo)",
        "en",
        "Asia/Seoul",
        platform_group=roles.SECRETARIAT,
    ),
    DemoPerson("trainer.minji", "박민지", "ko", "Asia/Seoul", platform_group=roles.TRAINERS),
    DemoPerson(
        "trainer.lucia", "Lucía Ramírez", "es", "America/Mexico_City", platform_group=roles.TRAINERS
    ),
    DemoPerson(
        "trainer.claire", "Claire Bouchard", "fr", "America/Toronto", platform_group=roles.TRAINERS
    ),
    DemoPerson("coordinator.seoul", "이서연", "ko", "Asia/Seoul", "Seoul", COORD),
    DemoPerson("coordinator.bamako", "Aminata Traoré", "fr", "Africa/Bamako", "Bamako", COORD),
    DemoPerson(
        "coordinator.mexico", "Jorge Hernández", "es", "America/Mexico_City", "Mexico City", COORD
    ),
    DemoPerson(
        "coordinator.montreal", "Émilie Tremblay", "fr", "America/Toronto", "Montréal", COORD
    ),
    DemoPerson("coordinator.bilbao", "Iñaki Etxeberria", "es", "Europe/Madrid", "Bilbao", COORD),
    DemoPerson("learner", "José Núñez", "es", "America/Mexico_City", "Mexico City"),
    DemoPerson("learner.seoul", "김지우", "ko", "Asia/Seoul", "Seoul"),
    DemoPerson("learner.seoul2", "Park Ha-eun", "en", "Asia/Seoul", "Seoul"),
    DemoPerson("learner.bamako", "Moussa Diarra", "fr", "Africa/Bamako", "Bamako"),
    DemoPerson("learner.bamako2", "Fatoumata Keïta", "fr", "Africa/Bamako", "Bamako"),
    DemoPerson(
        "learner.mexico", "María Fernanda López", "es", "America/Mexico_City", "Mexico City"
    ),
    DemoPerson("learner.montreal", "Olivier Gagnon", "fr", "America/Toronto", "Montréal"),
    DemoPerson("learner.bilbao", "Ane Goikoetxea", "es", "Europe/Madrid", "Bilbao"),
    DemoPerson("learner.dakar", "Awa Ndiaye", "fr", "Africa/Dakar", "Dakar"),
    DemoPerson("learner.amman", "ليلى حداد", "en", "Asia/Amman", "Amman"),
    DemoPerson("learner.glasgow", "Fiona MacLeod", "en", "Europe/London", "Glasgow"),
    # Asked to join Bamako; waits for the coordinator to confirm.
    DemoPerson(
        "learner.pending", "Ibrahim Coulibaly", "fr", "Africa/Bamako", "Bamako", confirmed=False
    ),
    DemoPerson("learner.independent", "Anna Kowalska", "en", "Europe/Warsaw"),
]

#: One account per role, printed by `seed_demo` and `make run`.
ROLE_ACCOUNTS = [
    ("learner", "learner"),
    ("trainer", "trainer.minji"),
    ("coordinator", "coordinator.bamako"),
    ("secretariat", "secretariat"),
]


@transaction.atomic
def seed() -> dict[str, int]:
    """Create or complete the demo data. A second run changes nothing."""
    organisations = {}
    for short_name, name, kind, country, city, region, year in ORGANISATIONS:
        organisation, _created = Organisation.objects.get_or_create(
            short_name=short_name,
            defaults={
                "name": name,
                "kind": kind,
                "country": country,
                "city": city,
                "region": region,
                "joined_on": datetime.date(year, 10, 1),
            },
        )
        organisations[short_name] = organisation
        if organisation.logo_id is None:
            organisation.logo = _demo_logo(organisation, len(organisations))
            organisation.save(update_fields=["logo"])

    groups = {group.name: group for group in Group.objects.all()}
    # Hashing is deliberately slow: do it once for every demo account.
    password_hash = None
    for person in PEOPLE:
        user = User.objects.with_email(person.email).first()
        if user is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user = user_create(
                email=person.email,
                full_name=person.full_name,
                preferred_language=person.language,
                time_zone=person.time_zone,
                email_verified=True,
            )
            user.password = password_hash
            user.save(update_fields=["password"])
        if person.platform_group:
            user.groups.add(groups[person.platform_group])
        # Once made, a demo membership is the people's to change (someone who tried
        # ending or moving it keeps the result): a second seed leaves it alone.
        if (
            person.organisation
            and not user.memberships.filter(
                organisation=organisations[person.organisation]
            ).exists()
        ):
            membership_create(
                user=user,
                organisation=organisations[person.organisation],
                role=person.role,
                confirmed=person.confirmed,
            )
    return counts()


LOGO_COLOURS = ["#0b5cab", "#1b7a3a", "#a4161a", "#8a5a00", "#5b2a86", "#0f6e6e"]


def _demo_logo(organisation: Organisation, number: int):
    """A plain logo for the demo (the organisation's short name on a coloured badge), so
    that certificates and pages show logos where real members' would be."""
    import io
    import unicodedata

    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw, ImageFont
    from wagtail.images import get_image_model

    width, height = 480, 200
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (0, 0, width - 1, height - 1), radius=36, fill=LOGO_COLOURS[number % len(LOGO_COLOURS)]
    )
    # Pillow's built-in font has no accents: "Montréal" is drawn "Montreal".
    text = "".join(
        char
        for char in unicodedata.normalize("NFKD", organisation.short_name)
        if not unicodedata.combining(char)
    )
    size = 72
    while True:
        font = ImageFont.load_default(size=size)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        if right - left <= width - 60 or size <= 24:
            break
        size -= 4
    draw.text(
        ((width - (right - left)) / 2 - left, (height - (bottom - top)) / 2 - top),
        text,
        font=font,
        fill="white",
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=f"{organisation.short_name} logo (demo)",
        file=ImageFile(buffer, name=f"demo-logo-{organisation.pk}.png"),
    )


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "coordinators": Membership.objects.coordinators().active().count(),
    }
