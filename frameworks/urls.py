from django.urls import path

from frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("", views.home, name="home"),
    path("frameworks/<slug:slug>/", views.framework_detail, name="framework_detail"),
    path("compare/<path:slugs>/", views.compare, name="compare"),
]
