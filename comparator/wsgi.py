"""WSGI entry point: `gunicorn comparator.wsgi` (see gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comparator.settings")

application = get_wsgi_application()
