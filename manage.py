#!/usr/bin/env python
"""Django's command-line utility for GSEF Academy."""

import os
import sys

# Commands that only read the code, never secrets or served data: they run on a
# fresh clone without DEBUG or SECRET_KEY. Everything else keeps the production
# rule (DEBUG off unless asked for, SECRET_KEY required).
CODE_ONLY_COMMANDS = {"makemigrations", "makemessages", "compilemessages"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
    if len(sys.argv) > 1 and sys.argv[1] in CODE_ONLY_COMMANDS:
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
