from django.urls import path, re_path

from corrections import views

app_name = "corrections"

# A compare path is 2 to 4 slugs joined by "-vs-"; these come before the comparison's own
# catch-all "compare/<path:slugs>/" (see comparator/urls.py).
urlpatterns = [
    re_path(r"^compare/(?P<slugs>[^/]+)/changes/$", views.compare_changes, name="compare_changes"),
    re_path(
        r"^compare/(?P<slugs>[^/]+)/changes/feed/$",
        views.compare_changes_feed,
        name="compare_changes_feed",
    ),
    path("frameworks/<slug:slug>/changes/", views.framework_changes, name="framework_changes"),
    path("corrections/new/", views.report_new, name="report_new"),
    path("corrections/thanks/", views.report_thanks, name="report_thanks"),
]
