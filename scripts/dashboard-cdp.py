#!/usr/bin/env python3
"""Drives headless Chromium over the DevTools protocol: loads each dashboard view, waits (bounded)
for it to render, saves a screenshot, and counts console errors, uncaught exceptions and failed
requests. Exits 1 if any were seen.

    dashboard-cdp.py DEVTOOLS_PORT BASE_URL OUT_DIR [real|mock-documents]

`real` (the default) renders the overview, an indicator page with a value's provenance, and the
documents view (which says the endpoint is missing); `mock-documents` renders the documents views
against dashboard-mock-documents.py, pastes a token and accepts a fact.

A failed request is a network failure (Network.loadingFailed) or an HTTP status >= 400, except a
404 from /documents… while the documents endpoints are not in this build: the page shows a
friendly message for that one, and Chromium's own log line for it is not counted either."""
import base64
import json
import sys
import time
import urllib.request

import websocket

port, base, out_dir = int(sys.argv[1]), sys.argv[2].rstrip("/"), sys.argv[3]
view_set = sys.argv[4] if len(sys.argv) > 4 else "real"

# (file name, hash, width, height, selector that proves it rendered, then optionally steps: a script
# to run once it has, and the selector that proves the script's result has rendered)
OPEN_PROVENANCE = ("document.querySelector('#values tbody tr button').click();"
                   "window.scrollTo(0, document.getElementById('values').getBoundingClientRect().top + window.scrollY - 60)")
SEARCH_REGION = ("const r = document.getElementById('region'); r.focus(); r.value = '西湖';"
                 "r.dispatchEvent(new Event('input'))")
PICK_REGION = ("document.getElementById('region').dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown'}));"
               "document.getElementById('region').dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}))")
VIEWS = [
    ("overview-desktop.png", "#/?region=330112&year=2022", 1280, 960, "#cards li.card"),
    ("overview-phone.png", "#/?region=330112&year=2022", 390, 1400, "#cards li.card"),
    ("indicator-desktop.png", "#/indicator/rd_expenditure?region=330112", 1280, 1100, "#values tbody tr"),
    ("indicator-phone.png", "#/indicator/rd_expenditure?region=330112", 390, 1300, "#values tbody tr"),
    ("provenance-desktop.png", "#/indicator/rd_expenditure?region=330112", 1280, 640, "#values tbody tr",
     (OPEN_PROVENANCE, "#values .prov-box table")),
    # The region box: 西湖 finds 西湖区 of 杭州 and of 南昌 (and 东西湖区); ↓ and Enter pick the second.
    ("region-search-desktop.png", "#/?region=330112&year=2022", 1280, 520, "#cards li.card",
     (SEARCH_REGION, "#region-options li[data-code='360103']")),
    ("region-picked-desktop.png", "#/?region=330112&year=2022", 1280, 520, "#cards li.card",
     (SEARCH_REGION, "#region-options li[data-code='360103']"),
     (PICK_REGION, "#crumbs a[aria-current=location][href*='region=360103']")),
    ("documents-desktop.png", "#/documents", 1280, 560, "body[data-ready=documents]"),
    ("document-desktop.png", "#/documents/1", 1280, 1000, "body[data-ready=document]"),
]
PASTE_TOKEN = ("document.getElementById('token').value = 'mock-token';"
               "[...document.querySelectorAll('button')].find((b) => b.textContent.startsWith('保存')).click()")
MOCK_VIEWS = [
    ("documents-mock-desktop.png", "#/documents", 1280, 560, "body[data-ready=documents] table"),
    ("document-mock-desktop.png", "#/documents/1", 1280, 1000, "body[data-ready=document] #fact-3",
     (PASTE_TOKEN, "#fact-3 button:not([disabled])"),
     ("document.querySelector('#fact-3 button').click()", "#fact-3 .badge.accepted")),
    ("document-mock-phone.png", "#/documents/1", 390, 1200, "body[data-ready=document] #fact-3"),
]
if view_set == "mock-documents":
    VIEWS = MOCK_VIEWS


def allowed_404(url):
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    return path.startswith("documents")


def target_ws():
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as r:
                pages = [t for t in json.load(r) if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("chromium's DevTools endpoint did not come up")


class CDP:
    def __init__(self, url):
        self.ws = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        mine = self.next_id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        deadline = time.time() + 30
        while time.time() < deadline:
            message = json.loads(self.ws.recv())
            if message.get("id") == mine:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)
        raise TimeoutError(method)

    def drain(self, seconds):
        self.ws.settimeout(seconds)
        try:
            while True:
                message = json.loads(self.ws.recv())
                if "method" in message:
                    self.events.append(message)
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(30)


cdp = CDP(target_ws())
for domain in ("Page", "Runtime", "Log", "Network"):
    cdp.call(f"{domain}.enable")

problems = []
requests = {}  # requestId → url
bytes_by_url = {}


def check_events():
    for e in cdp.events:
        method, p = e["method"], e.get("params", {})
        if method == "Network.requestWillBeSent":
            requests[p["requestId"]] = p["request"]["url"]
        elif method == "Network.responseReceived":
            url, status = p["response"]["url"], p["response"]["status"]
            if status >= 400 and not (status == 404 and allowed_404(url)):
                problems.append(f"failed request: {status} {url}")
        elif method == "Network.loadingFinished":
            url = requests.get(p["requestId"], "")
            if url.startswith(base):
                bytes_by_url[url] = p.get("encodedDataLength", 0)
        elif method == "Network.loadingFailed":
            problems.append(f"failed request: {requests.get(p['requestId'], '?')} {p.get('errorText')}")
        elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
            problems.append(f"console.{p['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            problems.append(f"exception: {d.get('exception', {}).get('description', d.get('text'))}")
        elif method == "Log.entryAdded" and p["entry"]["level"] == "error":
            entry = p["entry"]
            if entry.get("source") == "network" and "404" in entry.get("text", "") and allowed_404(entry.get("url", "")):
                continue
            problems.append(f"console ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}")
    cdp.events.clear()


def wait_for(selector, seconds=15):
    deadline = time.time() + seconds
    expression = f"document.querySelector({json.dumps(selector)}) !== null && document.body.dataset.ready !== undefined"
    while time.time() < deadline:
        result = cdp.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if result.get("result", {}).get("value") is True:
            return True
        time.sleep(0.2)
    return False


page_weight = None
for name, fragment, width, height, selector, *steps in VIEWS:
    cdp.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
             mobile=width < 600)
    cdp.call("Page.navigate", url="about:blank")
    cdp.drain(0.3)
    bytes_by_url.clear()
    cdp.call("Page.navigate", url=f"{base}/{fragment}")
    if not wait_for(selector):
        status = cdp.call("Runtime.evaluate", expression="document.getElementById('status').textContent",
                          returnByValue=True)["result"].get("value")
        problems.append(f"{name}: {selector} did not appear within 15 s (status: {status!r})")
    for script, proof in steps:
        cdp.call("Runtime.evaluate", expression=script)
        if not wait_for(proof):
            problems.append(f"{name}: {proof} did not appear within 15 s")
    cdp.drain(0.5)
    check_events()
    if name == "overview-desktop.png":
        static = {u: n for u, n in bytes_by_url.items() if u.startswith(base + "/") and ("/assets/" in u or u == base + "/")}
        page_weight = sum(static.values())
        cards = cdp.call("Runtime.evaluate", expression="document.querySelectorAll('#cards li.card').length",
                         returnByValue=True)["result"]["value"]
        print(f"overview: {cards} cards; page weight (HTML+CSS+JS+icon, as transferred) {page_weight} bytes")
    shot = cdp.call("Page.captureScreenshot", format="png", captureBeyondViewport=False)
    with open(f"{out_dir}/{name}", "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    print(f"saved {out_dir}/{name} ({width}x{height})")

# Keyboard: Tab from the top reaches the region picker, the filters and a card link.
if view_set == "mock-documents":
    print(f"console errors and failed requests: {len(problems)}")
    for p in problems:
        print("  " + p)
    sys.exit(1 if problems else 0)
cdp.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
cdp.call("Page.navigate", url=f"{base}/#/?region=330112&year=2022")
wait_for("#cards li.card")
reached = []
for _ in range(12):
    cdp.call("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab", windowsVirtualKeyCode=9)
    cdp.call("Input.dispatchKeyEvent", type="keyUp", key="Tab", code="Tab", windowsVirtualKeyCode=9)
    reached.append(cdp.call("Runtime.evaluate", expression="document.activeElement.id || document.activeElement.tagName",
                            returnByValue=True)["result"]["value"])
print("tab order:", " → ".join(reached))
for needed in ("region", "category", "q"):
    if needed not in reached:
        problems.append(f"keyboard: #{needed} not reached with Tab")
cdp.drain(0.3)
check_events()



def count_after(script):
    cdp.call("Runtime.evaluate", expression=f"delete document.body.dataset.ready; {script}")
    if not wait_for("body[data-ready=overview]"):
        problems.append(f"filter did not re-render: {script}")
        return -1
    return cdp.call("Runtime.evaluate", expression="document.querySelectorAll('#cards li.card').length",
                    returnByValue=True)["result"]["value"]


# Filters: the search box and the category select narrow the cards.
total = count_after("window.dispatchEvent(new HashChangeEvent('hashchange'))")
searched = count_after("const q = document.getElementById('q'); q.value = '研发'; q.dispatchEvent(new Event('input'))")
cdp.call("Runtime.evaluate", expression="location.hash = '#/?region=330112&year=2022'")
time.sleep(0.5)
category = count_after("const c = document.getElementById('category'); c.value = 'enterprises';"
                       "c.dispatchEvent(new Event('change'))")
print(f"filters: all {total} cards, search 研发 {searched}, category enterprises {category}")
if not 0 < searched < total or not 0 < category < total:
    problems.append(f"filters did not narrow the cards ({total}, {searched}, {category})")
cdp.drain(0.3)
check_events()

print(f"console errors and failed requests: {len(problems)}")
for p in problems:
    print("  " + p)
if page_weight is not None and page_weight >= 200 * 1024:
    print(f"page weight {page_weight} ≥ 200 KB")
    sys.exit(1)
sys.exit(1 if problems else 0)
