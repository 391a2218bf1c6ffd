#!/usr/bin/env python3
"""How long from saving a record to the page shown with the new text:
`tathya serve` against `hugo server`, on the same generated corpus, each
tool's own way of previewing (tathya: the incremental build into its
private folder; Hugo: its in-memory fast render). The edits alternate
between the two tools so that the noise of a shared machine falls on both.

A saved edit toggles one phrase of the first record (and of the same page
in Hugo's copy). tathya's clock stops as a browser's would: when its event
stream has announced the build (what makes an open page reload) and a GET
of the page then has the new phrase. Hugo's clock stops when a GET of the
page (polled every 5 ms) has it: before its own reload message reaches a
browser, so Hugo's figure is, if anything, low.

usage: benches/serve.py EDITS N [N ...]     (e.g. benches/serve.py 11 1000 10000)
Needs a release build (`cargo build --release --bin tathya --example corpus`)
and Debian's hugo. Work folder: /dev/shm/tathya-serve (removed at the end;
tathya serve's terminal output is in tathya-serve.log there meanwhile).
"""

import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TATHYA = os.environ.get("TATHYA", os.path.join(REPO, "target/release/tathya"))
CORPUS = os.environ.get("CORPUS", os.path.join(REPO, "target/release/examples/corpus"))
WORK = "/dev/shm/tathya-serve"
PAGE = "/en/2019/01/statement-000000/"
PHRASES = ("secure digital environment", "safe digital environment")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except Exception:
        return ""


def wait_for(port, path, phrase, limit, gone=None):
    """Whether the page at `path` has `phrase` (and not `gone`) within `limit` s."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        body = get(port, path)
        if phrase in body and (gone is None or gone not in body):
            return True
        time.sleep(0.005)
    return False


class Events:
    """The times at which tathya's event stream announces a build."""

    def __init__(self, port):
        self.times = []
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__tathya/events HTTP/1.1\r\nHost: x\r\n\r\n")
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        buffer = b""
        while True:
            chunk = self.sock.recv(4096)
            if not chunk:
                return
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if line.startswith(b"data: "):
                    self.times.append(time.perf_counter())


def toggle(path):
    """Saves `path` with every one of the phrases turned into the other."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    old, new = PHRASES if PHRASES[0] in text else tuple(reversed(PHRASES))
    saved = time.perf_counter()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new))
    return old, new, saved


def main():
    edits = int(sys.argv[1])
    sizes = [int(n) for n in sys.argv[2:]] or [1000, 10000]
    print("| records | tool | saved → page shown, median ms | p90 ms | saved → reload event, median ms | edits |")
    print("|---|---|---|---|---|---|")
    for n in sizes:
        shutil.rmtree(WORK, ignore_errors=True)
        site, hugo = f"{WORK}/site", f"{WORK}/hugo"
        subprocess.run([CORPUS, "--records", str(n), "--out", site, "--hugo", hugo], check=True, capture_output=True)
        t_port, h_port = free_port(), free_port()
        log = open(f"{WORK}/tathya-serve.log", "w")
        tathya = subprocess.Popen([TATHYA, "serve", "--root", site, "--port", str(t_port)],
                                  stdout=subprocess.DEVNULL, stderr=log)
        hugo_server = subprocess.Popen(
            ["hugo", "server", "-s", hugo, "--bind", "127.0.0.1", "--port", str(h_port),
             "--baseURL", f"http://127.0.0.1:{h_port}/", "--appendPort=false"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            record = f"{site}/statements/2019/01/statement-000000.yaml"
            hugo_page = f"{hugo}/content/en/2019/01/statement-000000.md"
            started = time.perf_counter()
            for port in (t_port, h_port):
                if not wait_for(port, PAGE, "digital environment", 900):
                    sys.exit(f"no page at port {port} after 900 s")
            print(f"<!-- {n} records: both serving after {time.perf_counter() - started:.1f} s -->")
            events = Events(t_port)
            time.sleep(0.5)
            results = {"tathya": [], "hugo": []}
            event_times = []
            for _ in range(edits):
                for tool, port, path in (("tathya", t_port, record), ("hugo", h_port, hugo_page)):
                    seen = len(events.times)
                    old, new, saved = toggle(path)
                    if tool == "tathya":
                        deadline = time.perf_counter() + 60
                        while len(events.times) == seen and time.perf_counter() < deadline:
                            time.sleep(0.001)
                        if len(events.times) == seen:
                            sys.exit("tathya: no build announced within 60 s")
                        event_times.append((events.times[seen] - saved) * 1000)
                    if not wait_for(port, PAGE, new, 60, gone=old):
                        sys.exit(f"{tool}: the edit did not show within 60 s")
                    results[tool].append((time.perf_counter() - saved) * 1000)
                    # Let both settle: an editor saves a file at a time.
                    time.sleep(0.3)
            for tool, times in results.items():
                times.sort()
                p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
                event = f"{statistics.median(event_times):.0f}" if tool == "tathya" and event_times else ""
                print(f"| {n} | {tool} | {statistics.median(times):.0f} | {p90:.0f} | {event} | {len(times)} |")
        finally:
            for process in (tathya, hugo_server):
                process.terminate()
                process.wait()
            log.close()
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
