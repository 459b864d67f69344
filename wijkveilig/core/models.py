"""Base pieces shared by the domain models."""

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from wijkveilig.core.errors import ConflictError


class VersionedModel(models.Model):
    """A row with an optimistic-lock version: every save through `save_versioned` bumps it."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


def save_versioned(obj: VersionedModel, *, expected_version: int | None, fields: list[str]) -> None:
    """Write `fields` only if nobody saved the row since `expected_version` was read."""
    if expected_version is None:
        expected_version = obj.version
    model = type(obj)
    attnames = [model._meta.get_field(name).attname for name in fields]
    prepared = {attname: getattr(obj, attname) for attname in attnames}
    updated = model.objects.filter(pk=obj.pk, version=expected_version).update(
        version=expected_version + 1, **prepared
    )
    if updated != 1:
        raise stale_version_error(model.objects.filter(pk=obj.pk).values_list("version", flat=True).first())
    obj.version = expected_version + 1


def stale_version_error(current_version: int | None) -> ConflictError:
    """The refusal for a write based on a version that is no longer the saved one (409 / the conflict form)."""
    return ConflictError(
        _("Iemand anders heeft dit tegelijk gewijzigd. Uw invoer is bewaard; bekijk de nieuwe versie en sla "
          "opnieuw op."),
        current_version=current_version,
    )


def save_or_create_versioned(model: type[VersionedModel], *, lookup: dict, values: dict, expected_version: int,
                             none_version: int = 0) -> VersionedModel:
    """The one row for `lookup`: created when none exists and the writer saw none (`none_version`), else its `values`
    replaced on `expected_version`. Two first writers at once meet the unique constraint: the second gets the
    conflict, never a 500 (decision 0018)."""
    row = model.objects.filter(**lookup).first()
    if row is None and expected_version == none_version:
        try:
            with transaction.atomic():
                return model.objects.create(**lookup, **values)
        except IntegrityError:
            current = model.objects.filter(**lookup).values_list("version", flat=True).first()
            raise stale_version_error(current) from None
    if row is None:
        raise stale_version_error(none_version)
    for name, value in values.items():
        setattr(row, name, value)
    save_versioned(row, expected_version=expected_version, fields=list(values))
    return row
