"""Keeping the revocation status list current when certificates are revoked or corrected."""
