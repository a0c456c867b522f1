"""Start-up checks for the badge signing key."""
