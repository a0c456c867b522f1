"""Accounts: sign-up, e-mail verification, log in and out, passwords, profile, personal data."""
