"""Keyed fingerprints for values that must be findable but not readable (BSN, search terms)."""

import hashlib
import hmac

from django.conf import settings


def lookup_hash(value: str) -> str:
    normalised = " ".join(value.lower().split())
    return hmac.new(settings.LOOKUP_HASH_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()
