"""The matrix editor (/admin/tools/matrix/): several frameworks x features in one grid form.

A GET form chooses the frameworks (or a curated comparison) and optionally a category; the
grid posts back to the same URL. Saving is all or nothing (`services.save_matrix`).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse

from frameworks import services
from frameworks.forms import FeatureMatrixForm, MatrixReasonForm, MatrixSelectionForm
from frameworks.models import Feature, FeatureValue, Framework


def _features(category):
    features = Feature.objects.select_related("category")
    if category is not None:
        features = features.filter(category=category)
    return list(features)


def _values(frameworks, category):
    values = FeatureValue.objects.filter(framework__in=frameworks)
    if category is not None:
        values = values.filter(feature__category=category)
    return values


def _build_grid(request, selection):
    frameworks = selection.cleaned_data["selected_frameworks"]
    category = selection.cleaned_data["category"]
    features = _features(category)
    if not selection.check_size(cells=len(frameworks) * len(features)):
        return None
    return FeatureMatrixForm(
        frameworks=frameworks,
        features=features,
        values=_values(frameworks, category),
        data=request.POST if request.method == "POST" else None,
        can_add=request.user.has_perm("frameworks.add_featurevalue"),
    )


def _save(request, grid, reason):
    """Save the grid's changed cells; a response when done, None to show the grid again."""
    cells = grid.changed_cells()
    for cell in cells:
        cell._change_reason = reason or None  # recorded with each change, for the public log
    try:
        saved = services.save_matrix(cells=cells, user=request.user)
    except services.MatrixInvalid as invalid:
        grid.add_cell_errors(invalid.errors)
        return None
    except IntegrityError:
        # Another editor added one of these cells between our check and our insert.
        messages.error(
            request,
            "Another editor changed some of these values at the same moment. Nothing was "
            "saved: check the grid and save again.",
        )
        return None
    if saved:
        messages.success(request, f"Saved {saved} value{'' if saved == 1 else 's'}.")
    else:
        messages.info(request, "Nothing was changed.")
    return HttpResponseRedirect(request.get_full_path())


def matrix_editor(request, *, admin_site):
    if not request.user.has_perm("frameworks.change_featurevalue"):
        raise PermissionDenied
    selection = MatrixSelectionForm(request.GET or None)
    grid = _build_grid(request, selection) if selection.is_valid() else None
    reason_form = MatrixReasonForm(request.POST or None, prefix="matrix")
    if (
        request.method == "POST"
        and grid is not None
        and all([grid.is_valid(), reason_form.is_valid()])
    ):
        response = _save(request, grid, reason_form.cleaned_data["change_reason"])
        if response is not None:
            return response
    context = {
        **admin_site.each_context(request),
        "title": "Matrix editor",
        "opts": Framework._meta,
        "selection": selection,
        "grid": grid,
        "reason_form": reason_form,
        "column_count": len(grid.frameworks) + 1 if grid else 0,
    }
    return TemplateResponse(request, "admin/frameworks/matrix_editor.html", context)
