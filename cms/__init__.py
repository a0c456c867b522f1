"""The site shell: home and standard pages, shared blocks, navigation, site settings."""
