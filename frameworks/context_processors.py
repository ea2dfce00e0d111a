from django.conf import settings


def site(request):
    """What every page's layout needs; touches no database, so error pages can use it too."""
    return {"site_name": settings.SITE_NAME}
