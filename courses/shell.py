"""What courses adds to the site shell (cms.registry): header links and home page sections.

cms does not know courses; courses registers these fragments from its
``AppConfig.ready()``. The templates live under ``templates/courses/shell/``.
"""

from cms import registry


def register() -> None:
    """Put the catalogue and the dashboard in the header, and the course sections on the
    home page (the catalogue button in the hero, then featured courses, then webinars)."""
    registry.register_navigation_item(
        "courses.catalogue", template="courses/shell/nav_catalogue.html", order=10
    )
    registry.register_navigation_item(
        "courses.dashboard", template="courses/shell/nav_dashboard.html", order=20
    )
    registry.register_home_section(
        "courses.browse", template="courses/shell/home_browse.html", slot="hero", order=10
    )
    registry.register_home_section(
        "courses.featured", template="courses/shell/home_featured.html", slot="main", order=10
    )
    registry.register_home_section(
        "courses.webinars", template="courses/shell/home_webinars.html", slot="main", order=20
    )
