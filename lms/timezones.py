"""The time-zone choices people pick from (sign-up, profile): readable, grouped, the
zones of GSEF's members first.

``zoneinfo`` knows ~600 identifiers; a list of raw ``America/Argentina/Buenos_Aires``
is hard to scan. The members' zones come first under their cities' names (GSEF's chair
Seoul, co-chair Mexico City, vice-chairs Bamako, Montreal and Bilbao, and the cities
of its forums); every other zone follows in an ``<optgroup>`` per region, named by its
city. Every identifier stays selectable (a saved value must stay valid) and each
appears once, so a single ``<select>`` never has two selected options.
"""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.utils.translation import gettext_lazy as _

#: The zones of GSEF's members and forum cities, first in the list, with their cities.
COMMON_ZONES = (
    ("Asia/Seoul", _("Seoul")),
    ("America/Mexico_City", _("Mexico City")),
    ("Africa/Bamako", _("Bamako, Dakar, Abidjan")),
    ("America/Toronto", _("Montreal, Toronto")),
    ("Europe/Madrid", _("Bilbao, Barcelona, Madrid")),
    ("Europe/Paris", _("Paris, Lyon")),
    ("Europe/Lisbon", _("Lisbon")),
    ("Europe/Brussels", _("Brussels")),
    ("Europe/Rome", _("Rome")),
    ("Europe/London", _("London")),
    ("Africa/Casablanca", _("Casablanca")),
    ("Africa/Tunis", _("Tunis")),
    ("America/Sao_Paulo", _("São Paulo")),
    ("America/Bogota", _("Bogotá")),
    ("America/Argentina/Buenos_Aires", _("Buenos Aires")),
    ("America/New_York", _("New York")),
    ("Asia/Tokyo", _("Tokyo")),
    ("Asia/Manila", _("Manila")),
    ("UTC", _("UTC (coordinated universal time)")),
)

#: Regions in the order they are listed, with their names.
REGIONS = (
    ("Africa", _("Africa")),
    ("America", _("Americas")),
    ("Asia", _("Asia")),
    ("Europe", _("Europe")),
    ("Atlantic", _("Atlantic Ocean")),
    ("Indian", _("Indian Ocean")),
    ("Australia", _("Australia")),
    ("Pacific", _("Pacific Ocean")),
    ("Antarctica", _("Antarctica")),
)


def zone_label(name: str) -> str:
    """``America/Argentina/Buenos_Aires`` → ``Buenos Aires (Argentina)``."""
    parts = name.replace("_", " ").split("/")
    if len(parts) == 1:
        return parts[0]
    city, middle = parts[-1], parts[1:-1]
    return f"{city} ({', '.join(middle)})" if middle else city


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _choices() -> list[tuple[str, list[tuple[str, str]]]]:
    names = _zone_names()
    common = [(zone, label) for zone, label in COMMON_ZONES if zone in names]
    taken = {zone for zone, _label in common}
    groups = [(_("Common for GSEF members"), common)]
    by_region: dict[str, list[str]] = {region: [] for region, _label in REGIONS}
    other = []
    for name in sorted(names - taken):
        region = name.split("/", 1)[0]
        if "/" in name and region in by_region:
            by_region[region].append(name)
        else:
            other.append(name)  # UTC's aliases, Etc/GMT+5, the old US/Eastern…
    for region, label in REGIONS:
        zones = sorted(by_region[region], key=zone_label)
        groups.append((label, [(zone, zone_label(zone)) for zone in zones]))
    groups.append((_("Other identifiers"), [(zone, zone) for zone in other]))
    return groups


def time_zone_choices() -> list:
    """Grouped (value, label) choices for a ``ChoiceField``, labels in the active language."""
    return _choices()


def is_time_zone(value: str) -> bool:
    return value in _zone_names()
