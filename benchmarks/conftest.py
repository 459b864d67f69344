"""Benchmarks reuse the test personas; run with `make bench` (not part of `make test`)."""

from tests.conftest import _fast_password_hashing, as_user, world  # noqa: F401  (fixtures)
