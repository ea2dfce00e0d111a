from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from frameworks import views
from frameworks.feeds import CuratedComparisonsFeed
from frameworks.sitemaps import SITEMAPS

app_name = "frameworks"

urlpatterns = [
    path("", views.home, name="home"),
    path("frameworks/", views.framework_list, name="framework_list"),
    path("frameworks/<slug:slug>/", views.framework_detail, name="framework_detail"),
    path("compare/", views.compare_picker, name="compare_picker"),
    # Before "compare/<path>/": the JSON twin of a comparison ends in ".json", no slash.
    re_path(r"^compare/(?P<slugs>[^/]+)\.json$", views.compare_json, name="compare_json"),
    path("compare/<path:slugs>/", views.compare, name="compare"),
    path("decide/", views.decide, name="decide"),
    path("decide.json", views.decide_json, name="decide_json"),
    path("features/", views.feature_index, name="feature_index"),
    path("how-we-rate/", views.how_we_rate, name="how_we_rate"),
    # Before "features/<category>/": no category may be called "compare".
    path("features/compare/", views.grid_compare, name="grid_compare"),
    re_path(
        r"^features/(?P<category>[-a-zA-Z0-9_]+)\.json$",
        views.feature_grid_json,
        name="feature_grid_json",
    ),
    path("features/<slug:category>/", views.feature_grid, name="feature_grid"),
    path("feed/", CuratedComparisonsFeed(), name="feed"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "frameworks:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
]
