"""gunicorn settings for Wijkveilig (decision 0017). Every value can be overridden from the environment."""

import os

bind = os.environ.get("WIJKVEILIG_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("WIJKVEILIG_THREADS", "4"))
timeout = int(os.environ.get("WIJKVEILIG_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
# Only the proxy in front may say which scheme and client address a request came with.
forwarded_allow_ips = os.environ.get("WIJKVEILIG_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's own access log would print paths (ids, searches): the app writes its own JSON line without them.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("WIJKVEILIG_LOG_LEVEL", "info")
