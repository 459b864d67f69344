from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Still argon2 (the tests assert the algorithm), with tiny cost so fixtures stay fast."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1
