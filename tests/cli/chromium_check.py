#!/usr/bin/env python3
"""Opens an HTML file in headless Chromium over --remote-debugging-pipe and
reports what a reader's browser would see: console messages and errors,
every network request that is not the file itself, and the title of every
inline SVG. Prints one JSON object; exits 0 (the checks are the caller's).

    chromium_check.py FILE.html
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 90


class Pipe:
    def __init__(self, proc, to_browser, from_browser):
        self.proc, self.w, self.r = proc, to_browser, from_browser
        self.next_id, self.buf, self.events = 0, b"", []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        return self.wait(lambda m: m.get("id") == self.next_id)

    def wait(self, done):
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            while b"\0" in self.buf:
                raw, self.buf = self.buf.split(b"\0", 1)
                m = json.loads(raw)
                if "method" in m:
                    self.events.append(m)
                if done(m):
                    return m
            chunk = os.read(self.r, 1 << 16)
            if not chunk:
                raise SystemExit("chromium closed the pipe")
            self.buf += chunk
        raise SystemExit("chromium did not answer in time")


def main():
    path = os.path.abspath(sys.argv[1])
    url = "file://" + path
    to_r, to_w = os.pipe()      # we write, chromium reads (its fd 3)
    from_r, from_w = os.pipe()  # chromium writes (its fd 4), we read
    profile = tempfile.mkdtemp(prefix="klynge-check-")

    def fds():  # in the child: the pipe's ends at fds 3 and 4, kept across exec
        r, w = os.dup(to_r), os.dup(from_w)
        os.dup2(r, 3)
        os.dup2(w, 4)

    proc = subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
        preexec_fn=fds, close_fds=False,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(to_r)
    os.close(from_w)
    pipe = Pipe(proc, to_w, from_r)
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"})["result"]["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["result"]["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            pipe.send(domain + ".enable", session=session)
        pipe.events.clear()
        pipe.send("Page.navigate", {"url": url}, session=session)
        pipe.wait(lambda m: m.get("method") == "Page.loadEventFired")
        time.sleep(0.5)  # late requests (images, fonts) and console output
        titles = pipe.send("Runtime.evaluate", {
            "expression": "JSON.stringify([...document.querySelectorAll('svg')].map("
                          "s => (s.querySelector(':scope > title') || {}).textContent || ''))",
            "returnByValue": True}, session=session)["result"]["result"]["value"]
        pipe.send("Browser.close")  # its helper processes end with it
        proc.wait(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
    console, errors, requests = [], [], []
    for e in pipe.events:
        m, p = e["method"], e.get("params", {})
        if m == "Runtime.consoleAPICalled":
            console.append(p["type"] + ": " + " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"]))
        elif m == "Runtime.exceptionThrown":
            errors.append(p["exceptionDetails"].get("text", "exception"))
        elif m == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
            errors.append(p["entry"]["level"] + ": " + p["entry"]["text"])
        elif m == "Network.requestWillBeSent" and p["request"]["url"] != url:
            requests.append(p["request"]["url"])
    print(json.dumps({"console": console, "errors": errors, "requests": requests, "svg_titles": json.loads(titles)},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
