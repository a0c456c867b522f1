"""What the apps above cms add to the site shell: home page sections and header links.

The shell (cms) must not know the apps built on it: dependencies run courses → cms →
lms. So an app that wants a section on the home page or a link in the site header
registers a template fragment here from its ``AppConfig.ready()``, as apps register
exporters into ``lms.personal_data``:

- a *home section* is rendered by ``{% home_sections slot %}`` in
  ``templates/cms/home_page.html``: slot ``"hero"`` under the lead (calls to action),
  slot ``"main"`` between the hero and the shell's own sections;
- a *navigation item* is an ``<li>`` rendered by ``{% navigation_items %}`` in the
  header of ``templates/base.html``, before the account links.

A fragment is rendered with the page's own context (``request``, ``page``, ``user``…),
so it decides itself whether it shows anything; the upper app's fragment loads its own
tag libraries. Fragments appear by ``order``, then by name. Registering a name again
replaces the earlier entry, so a ``ready()`` that runs twice is harmless.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

#: Where a home section may go: "hero" (under the lead), "main" (after the hero).
HOME_SLOTS = ("hero", "main")


@dataclass(frozen=True)
class Fragment:
    """A template an upper app puts into the shell, at a place and in an order."""

    name: str
    template: str
    slot: str = ""
    order: int = 100


_home_sections: dict[str, Fragment] = {}
_navigation_items: dict[str, Fragment] = {}


def register_home_section(
    name: str, *, template: str, slot: str = "main", order: int = 100
) -> None:
    """Render ``template`` on every home page, in ``slot``, by ``order``."""
    if slot not in HOME_SLOTS:
        raise ValueError(f"{slot!r} is not a home page slot; choose one of {HOME_SLOTS}.")
    _home_sections[name] = Fragment(name=name, template=template, slot=slot, order=order)


def register_navigation_item(name: str, *, template: str, order: int = 100) -> None:
    """Render ``template`` (one ``<li>``, or nothing) in the site header, by ``order``."""
    _navigation_items[name] = Fragment(name=name, template=template, order=order)


def unregister_home_section(name: str) -> None:
    _home_sections.pop(name, None)


def unregister_navigation_item(name: str) -> None:
    _navigation_items.pop(name, None)


def _ordered(fragments) -> list[Fragment]:
    return sorted(fragments, key=lambda fragment: (fragment.order, fragment.name))


def home_sections(slot: str) -> list[Fragment]:
    return _ordered(section for section in _home_sections.values() if section.slot == slot)


def navigation_items() -> list[Fragment]:
    return _ordered(_navigation_items.values())


@contextmanager
def registry_snapshot() -> Iterator[None]:
    """Put both registries back as they were on exit: for tests that register their own."""
    saved = (dict(_home_sections), dict(_navigation_items))
    try:
        yield
    finally:
        for registry, before in zip((_home_sections, _navigation_items), saved, strict=True):
            registry.clear()
            registry.update(before)
