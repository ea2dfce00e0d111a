"""Answers shaped like the package registries' documented APIs, with made-up numbers.

FakeApis (tests/fake_apis.py) serves them on loopback; each function names the page that
documents the answer it imitates. Only the keys refresh_metrics reads, and a few beside them.
"""


def npm_document(
    *, name="express", latest="5.1.0", published="2025-03-31T14:01:22.509Z", node=">= 18"
):
    """`GET {registry}/<package>`: the package document (npm's registry API, "Getting a
    package"): dist-tags, every version's manifest, and when each version was published."""
    return {
        "_id": name,
        "name": name,
        "dist-tags": {"latest": latest, "next": "6.0.0-beta.1"},
        "versions": {
            "4.21.2": {"name": name, "version": "4.21.2", "engines": {"node": ">= 0.10.0"}},
            latest: {"name": name, "version": latest, "engines": {"node": node}},
        },
        "time": {
            "created": "2010-12-29T19:38:25.450Z",
            "modified": "2025-04-01T00:00:00.000Z",
            "4.21.2": "2024-11-06T16:40:02.000Z",
            latest: published,
        },
        "license": "MIT",
    }


def npm_point(*, downloads=210_000_000, package="express"):
    """`GET {api}/downloads/point/last-month/<package>` (npm's download-counts.md)."""
    return {"downloads": downloads, "start": "2026-11-05", "end": "2026-12-04", "package": package}


def rubygems_gem(*, downloads=640_000_000, version="8.0.2", created="2025-03-12T20:50:31.104Z"):
    """`GET /api/v1/gems/<name>.json` (guides.rubygems.org/rubygems-org-api, abridged)."""
    return {
        "name": "rails",
        "downloads": downloads,
        "version": version,
        "version_created_at": created,
        "version_downloads": 1_900_000,
        "platform": "ruby",
        "licenses": ["MIT"],
        "project_uri": "https://rubygems.org/gems/rails",
    }


def rubygems_versions(*, latest="8.0.2", created="2025-03-12T20:50:31.104Z", ruby=">= 3.2.0"):
    """`GET /api/v1/versions/<name>.json`: a bare array, one entry per version and platform."""
    return [
        {"number": "8.1.0.beta1", "prerelease": True, "created_at": "2025-09-04T10:00:00.000Z"},
        {
            "number": latest,
            "prerelease": False,
            "platform": "ruby",
            "created_at": created,
            "ruby_version": ruby,
            "downloads_count": 1_900_000,
        },
        # Not the latest: 7.2.2.1 came out after 8.0.2's first release, for the older line.
        {"number": "7.2.2.1", "prerelease": False, "created_at": "2025-03-13T09:00:00.000Z"},
        {"number": "8.0.1", "prerelease": False, "created_at": "2024-12-13T00:00:00.000Z"},
    ]


def packagist_package(*, monthly=1_400_000, total=480_000_000):
    """`GET /packages/<vendor>/<name>.json` (packagist.org/apidoc, "Getting package data")."""
    return {
        "package": {
            "name": "laravel/framework",
            "description": "The Laravel Framework.",
            "time": "2013-01-10T21:33:09+00:00",
            "type": "library",
            "repository": "https://github.com/laravel/framework",
            "downloads": {"total": total, "monthly": monthly, "daily": 48_000},
            "favers": 33_500,
            "versions": {},
        }
    }


def maven_search(*, latest="3.4.1", timestamp=1_734_000_000_000):
    """`GET /solrsearch/select?q=g:"…" AND a:"…"&core=gav&wt=json` (Central's search REST API
    guide): the newest versions first, a milestone and an older line's patch among them."""
    group, artifact = "org.springframework.boot", "spring-boot"
    versions = (
        ("3.5.0-M1", timestamp + 86_400_000),
        ("3.3.7", timestamp + 3_600_000),
        (latest, timestamp),
        ("3.4.0", timestamp - 30 * 86_400_000),
    )
    docs = [
        {
            "id": f"{group}:{artifact}:{number}",
            "g": group,
            "a": artifact,
            "v": number,
            "p": "jar",
            "timestamp": stamp,
            "ec": ["-sources.jar", ".pom", ".jar"],
        }
        for number, stamp in versions
    ]
    return {
        "responseHeader": {"status": 0, "QTime": 1},
        "response": {"numFound": len(docs), "start": 0, "docs": docs},
    }


def nuget_search(*, total=98_000_000, version="2.3.0"):
    """`GET {SearchQueryService}?q=packageid:<id>&prerelease=false` (NuGet's search API)."""
    return {
        "totalHits": 1,
        "data": [
            {
                "@type": "Package",
                "id": "Microsoft.AspNetCore.Mvc",
                "version": version,
                "totalDownloads": total,
                "verified": True,
                "versions": [{"version": version, "downloads": 1_200_000}],
            }
        ],
    }


def hex_package(*, total=158_000_000, recent=9_800_000, latest="1.7.21"):
    """`GET /api/packages/<name>` (hex.pm/docs/api, "Fetch a package", abridged)."""
    return {
        "name": "phoenix",
        "html_url": "https://hex.pm/packages/phoenix",
        "downloads": {"all": total, "recent": recent, "week": 700_000, "day": 110_000},
        "latest_version": "1.8.0-rc.3",
        "latest_stable_version": latest,
        "releases": [
            {"version": "1.8.0-rc.3", "inserted_at": "2025-05-07T15:21:10.000000Z"},
            {"version": latest, "inserted_at": "2025-03-26T12:03:30.523463Z"},
        ],
    }


def crates_crate(*, downloads=310_000_000, recent=52_000_000, latest="0.8.4", rust="1.75"):
    """`GET /api/v1/crates/<name>`: the crate and its versions (crates.io's API, abridged)."""
    return {
        "crate": {
            "id": "axum",
            "name": "axum",
            "downloads": downloads,
            "recent_downloads": recent,
            "max_version": "0.9.0-alpha.1",
            "max_stable_version": latest,
        },
        "versions": [
            {"num": "0.9.0-alpha.1", "created_at": "2025-05-01T10:00:00.000000Z"},
            {
                "num": latest,
                "created_at": "2025-04-30T09:16:44.191836Z",
                "rust_version": rust,
                "yanked": False,
            },
        ],
    }


def go_latest(*, version="v1.10.1", time="2025-05-20T07:44:26Z"):
    """`GET $GOPROXY/<module>/@latest` (go.dev/ref/mod#goproxy-protocol): Version and Time."""
    return {"Version": version, "Time": time}
