"""Django admin for Comparator's editors: content models, matrix editor, content gaps.

Importing the package registers every ModelAdmin with the default admin site.
"""

from django.conf import settings
from django.contrib import admin

from frameworks.admin import content  # noqa: F401  (registers the ModelAdmins)

admin.site.site_header = f"{settings.SITE_NAME} administration"
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = "Content and editors"
