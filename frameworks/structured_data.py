"""schema.org data for search engines, built as Python dicts.

Templates print these through the `ld_json` filter, which escapes what could end the
`<script type="application/ld+json">` block, so editors' text can never become markup.
"""

from django.conf import settings


def _software(profile, url):
    data = {
        "@type": "SoftwareApplication",
        "name": profile.name,
        "url": url,
        "applicationCategory": "DeveloperApplication",
        "operatingSystem": "Cross-platform",
    }
    if profile.tagline:
        data["description"] = profile.tagline
    if profile.license:
        data["license"] = profile.license
    if profile.original_authors:
        data["author"] = {"@type": "Person", "name": profile.original_authors}
    if profile.first_release_year:
        data["datePublished"] = str(profile.first_release_year)
    same_as = [link for link in (profile.website_url, profile.repository_url) if link]
    if same_as:
        data["sameAs"] = same_as
    return data


def framework_data(page, *, url):
    data = {"@context": "https://schema.org", **_software(page.framework, url)}
    if page.framework.summary:
        data["description"] = page.framework.summary
    return data


def comparison_data(page, *, url, absolute):
    """An ItemList of the compared frameworks; with a curated text, an Article and its FAQ."""
    graph = [
        {
            "@type": "ItemList",
            "name": page.title,
            "url": url,
            "numberOfItems": len(page.frameworks),
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "item": _software(profile, absolute(profile.url)),
                }
                for position, profile in enumerate(page.frameworks, start=1)
            ],
        }
    ]
    curated = page.curated
    if curated is not None:
        article = {
            "@type": "Article",
            "headline": curated.title,
            "url": url,
            "description": page.description,
            "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        }
        if curated.author:
            article["author"] = {"@type": "Person", "name": curated.author}
        if curated.published_on:
            article["datePublished"] = curated.published_on.isoformat()
        if curated.updated_on:
            article["dateModified"] = curated.updated_on.isoformat()
        graph.append(article)
        if curated.faq:
            graph.append(
                {
                    "@type": "FAQPage",
                    "url": url,
                    "mainEntity": [
                        {
                            "@type": "Question",
                            "name": item.question,
                            "acceptedAnswer": {"@type": "Answer", "text": item.answer},
                        }
                        for item in curated.faq
                    ],
                }
            )
    return {"@context": "https://schema.org", "@graph": graph}


def website_data(*, url):
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": url,
    }
