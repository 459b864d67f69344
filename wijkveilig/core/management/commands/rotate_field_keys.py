"""Re-encrypt every EncryptedTextField value with the first key of FIELD_ENCRYPTION_KEYS.

Works on the stored tokens with raw SQL, so the plaintext never passes through a model save:
no `version` bump, no auto_now timestamps, no signals. One transaction per batch, so an
interrupted run can simply be started again (any listed key still decrypts).
"""

from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from wijkveilig.accounts import db_scope
from wijkveilig.core.encryption import EncryptedTextField, rotate_token


def encrypted_columns() -> list[tuple[str, str, list[str], str]]:
    """(model label, table, encrypted columns, primary-key column) for every model with encrypted fields."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        columns = [f.column for f in meta.local_concrete_fields if isinstance(f, EncryptedTextField)]
        if columns:
            found.append((meta.label, meta.db_table, columns, meta.pk.column))
    return found


def _rotate_batch(table: str, columns: list[str], pk_column: str, after, batch_size: int) -> tuple[int, object]:
    # Table and column names come from the models' metadata and are quoted; values are parameters.
    q = connection.ops.quote_name
    where = f"WHERE {q(pk_column)} > %s " if after is not None else ""
    select = (f"SELECT {q(pk_column)}, {', '.join(q(c) for c in columns)} FROM {q(table)} "  # noqa: S608
              f"{where}ORDER BY {q(pk_column)} LIMIT %s")
    update = f"UPDATE {q(table)} SET {', '.join(f'{q(c)} = %s' for c in columns)} WHERE {q(pk_column)} = %s"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(select, [after, batch_size] if after is not None else [batch_size])
        rows = cursor.fetchall()
        for pk, *tokens in rows:
            if any(tokens):
                cursor.execute(update, [*(rotate_token(t) if t else t for t in tokens), pk])
    return len(rows), (rows[-1][0] if rows else None)


class Command(BaseCommand):
    help = "Re-encrypt all encrypted text columns with the first key in WIJKVEILIG_FIELD_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):
        if not db_scope.sees_every_row(connection):
            raise CommandError("Row-level security hides rows from this database role: run rotate_field_keys as the "
                               "tables' owner (the role that runs the migrations), or rows would be left on the old "
                               "key.")
        batch_size = max(1, options["batch_size"])
        for label, table, columns, pk_column in encrypted_columns():
            done, after = 0, None
            while True:
                try:
                    count, last = _rotate_batch(table, columns, pk_column, after, batch_size)
                except InvalidToken as exc:
                    position = f"after id {after}" if after is not None else "in the first batch"
                    raise CommandError(
                        f"{label}: a value {position} cannot be decrypted with any configured key; "
                        "nothing in that batch was changed."
                    ) from exc
                done += count
                if count < batch_size:
                    break
                after = last
            self.stdout.write(f"{label}: {done} rows re-encrypted ({', '.join(columns)}).")
