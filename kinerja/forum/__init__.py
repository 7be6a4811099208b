"""Socialisation: policy announcements with read confirmation, and discussion threads."""
