"""The public JSON exports as plain data: a comparison (/compare/….json), the decision helper's
ranking (/decide.json) and a category's grid (/features/<category>.json).

Their shapes are public contracts. The views only render them; the cells are the same
`frameworks.cells.Cell`s the HTML prints, so both say the same thing in the same words.
"""

from frameworks.models import FeatureKind


def comparison_json(page):
    """The comparison as plain data for /compare/….json: the export's shape, a public contract."""
    return {
        "title": page.title,
        "url": page.url,
        "frameworks": [
            {"slug": profile.slug, "name": profile.name, "url": profile.url}
            for profile in page.frameworks
        ],
        "categories": [
            {
                "name": category.name,
                "slug": category.slug,
                "features": [
                    {
                        "name": row.name,
                        "slug": row.slug,
                        "description": row.description,
                        "kind": FeatureKind.CAPABILITY
                        if row.is_capability
                        else FeatureKind.DESCRIPTION,
                        "all_agree": row.all_agree,
                        "values": {
                            profile.slug: cell_data(cell)
                            for profile, cell in zip(page.frameworks, row.cells, strict=True)
                        },
                    }
                    for row in category.rows
                ],
            }
            for category in page.categories
        ],
        "comparison": _curated_data(page.curated),
        # The newest check of its values: apart from the curated text's own (article) dates.
        "facts_checked_on": page.facts_checked_on.isoformat() if page.facts_checked_on else None,
    }


def cell_data(cell):
    """A cell as data: never the editors' working note, which pages never read."""
    return {
        "support": cell.support,
        "support_label": cell.label,
        "text": cell.text,
        "note": cell.note,
        "source_url": cell.source_url,
        "verified_on": cell.verified_on.isoformat() if cell.verified_on else None,
        "provenance": cell.provenance or None,
        "provenance_words": cell.provenance_words,
        "claims": [_claim_data(claim) for claim in cell.claims],
    }


def _claim_data(claim):
    return {
        "source_title": claim.source_title,
        "source_url": claim.source_url,
        "stated_on": claim.stated_on.isoformat(),
        "text": claim.text,
        "quote": claim.quote,
        "status": claim.status,
        "correction": claim.correction,
        "reviewed_on": claim.reviewed_on.isoformat() if claim.reviewed_on else None,
    }


def _curated_data(curated):
    if curated is None:
        return None
    return {
        "title": curated.title,
        "intro": curated.intro,
        "verdict": curated.verdict,
        "author": curated.author,
        "fact_checker": curated.fact_checker,
        "published_on": curated.published_on.isoformat() if curated.published_on else None,
        "updated_on": curated.updated_on.isoformat() if curated.updated_on else None,
        "faq": [{"question": item.question, "answer": item.answer} for item in curated.faq],
    }


def decide_json_data(page):
    """The ranking as plain data for /decide.json: the export's shape, a public contract."""
    return {
        "needs": [choice.slug for choice in page.needs],
        "wants": [choice.slug for choice in page.wants],
        "ignored": list(page.ignored),
        "languages": list(page.chosen_languages),
        "rules": list(page.rules),
        "result_count": page.result_count,
        "page": page.page_obj.number,
        "pages": page.page_obj.paginator.num_pages,
        "results": [
            {
                "rank": result.rank,
                "tied": result.tied,
                "slug": result.framework.slug,
                "name": result.framework.name,
                "url": result.framework.url,
                "needs_met": [_reason_data(reason) for reason in result.met],
                "needs_missed": [_reason_data(reason) for reason in result.missed],
                "wants_met": [_reason_data(reason) for reason in result.wants_met],
                "wants_missed": [_reason_data(reason) for reason in result.wants_missed],
            }
            for result in page.results
        ],
        "compare": [
            {
                "count": link.count,
                "url": link.url,
                "needs_url": link.needs_url,
                "cuts_tie": link.cuts_tie,
            }
            for link in page.compare_links
        ],
    }


def _reason_data(reason):
    return {"feature": reason.slug, "name": reason.feature, **cell_data(reason.cell)}


def feature_grid_data(page):
    """A category's grid as plain data for /features/<category>.json (a public contract)."""
    return {
        "category": {
            "name": page.category.name,
            "slug": page.category.slug,
            "description": page.category.description,
            "url": page.category.url,
        },
        "features": [
            {
                "name": column.name,
                "slug": column.slug,
                "description": column.description,
                "kind": "capability" if column.is_capability else "description",
            }
            for column in page.columns
        ],
        "sort": page.sort,
        "languages": list(page.chosen_languages),
        "page": page.page_obj.number,
        "pages": page.page_obj.paginator.num_pages,
        "framework_count": page.page_obj.paginator.count,
        "frameworks": [
            {
                "slug": row.framework.slug,
                "name": row.framework.name,
                "url": row.framework.url,
                "language": row.framework.language,
                "values": {
                    column.slug: cell_data(grid_cell.cell)
                    for column, grid_cell in zip(page.columns, row.cells, strict=True)
                },
            }
            for row in page.rows
        ],
    }
