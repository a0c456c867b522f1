"""Accounts: sign-up, e-mail verification, log in and out, password reset, profile, personal data."""
