"""The project's database engines: Django's, plus work that runs just before a commit.

`settings.DATABASES` names these engines in place of Django's PostgreSQL and SQLite ones.
Django runs callbacks after a commit (`transaction.on_commit`) but none before it; the page
cache's revision rows need one (see `frameworks.models.ContentRevision`).
"""
