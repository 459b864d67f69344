"""20 clients against the production server (gunicorn, DEBUG off) for a bounded time: throughput and p95.

A small threaded client on the standard library (locust would pull in gevent and a web UI for what twenty loops do
here). Each client keeps one HTTP/1.1 connection to 127.0.0.1, carries the session cookie of a persona that passed
password and TOTP, and cycles through that persona's pages. Requests are bounded in count and time; the target is
only the local server.
"""

import http.client
import statistics
import threading
import time
from urllib.parse import urlencode, urlparse


def _one_client(base: str, cookie: str, paths: list[str], deadline: float, max_requests: int, out: list, errors: list):
    target = urlparse(base)
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    headers = {"Cookie": f"sessionid={cookie}", "X-Forwarded-Proto": "https", "Connection": "keep-alive"}
    done = 0
    while time.monotonic() < deadline and done < max_requests:
        path = paths[done % len(paths)]
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
            continue
        finally:
            done += 1
        out.append((path, time.perf_counter() - started, status))
    conn.close()


def run(base: str, sessions: dict[str, list[str]], paths: dict[str, list[str]], *, clients: int = 20,
        seconds: float = 30, max_requests: int = 2_000) -> dict:
    """`sessions`: persona -> session cookie values; `paths`: persona -> the pages it cycles through."""
    personas = [p for p in sessions if paths.get(p)]
    deadline = time.monotonic() + seconds
    out, errors, threads = [], [], []
    for i in range(clients):
        persona = personas[i % len(personas)]
        cookies = sessions[persona]
        thread = threading.Thread(target=_one_client, args=(base, cookies[i % len(cookies)], paths[persona], deadline,
                                                            max_requests, out, errors), daemon=True)
        threads.append(thread)
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    elapsed = time.monotonic() - started
    latencies = sorted(t for _, t, _ in out)
    bad = sum(1 for _, _, status in out if status >= 400)
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(out), "errors": len(errors) + bad,
            "throughput_rps": round(len(out) / elapsed, 1) if elapsed else 0,
            "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
            "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1) if latencies else None}


def with_query(path: str, data: dict) -> str:
    return f"{path}?{urlencode(data)}" if data else path
