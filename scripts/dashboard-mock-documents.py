#!/usr/bin/env python3
"""A stand-in for the documents endpoints (GET /documents, GET /documents/{id},
POST /documents/{id}/facts/{n}/accept|reject, POST /documents/{id}/accept) in the shape agreed for
them, in front of a real `zhibiao serve`: every other request is passed through. It lets
dashboard-screenshots.sh exercise the documents views before those endpoints are merged; the
document is examples/linan-2021.txt and its facts are found by their quotes.

    dashboard-mock-documents.py LISTEN_PORT UPSTREAM_URL REPO_DIR"""
import json
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, upstream, repo = int(sys.argv[1]), sys.argv[2].rstrip("/"), sys.argv[3]
text = open(f"{repo}/examples/linan-2021.txt", encoding="utf-8").read()
FACTS = [  # (indicator, period, value, unit, quote)
    ("innovation_index", "2020", 156.1, "index", "2020年度创新指数为156.1"),
    ("rd_expenditure", "2021", 2005000000, "yuan", "R&D经费投入20.05亿元"),
    ("rd_intensity", "2021", 3.34, "percent", "占GDP比重达3.34%"),
    ("hightech_enterprises_per_1000", "2021", 30.05, "per_1000_enterprises", "每千家企业中高新技术企业数30.05家"),
    ("tech_smes_per_1000", "2021", 70.44, "per_1000_enterprises", "每千家企业中科技型中小企业数70.44家"),
    ("hightech_investment", "2021", 3260000000, "yuan", "全区高新投资32.6亿元"),
    ("industrial_rd_expenditure", "2021", 4235000000, "yuan", "全区规上工业企业研发投入42.35亿元"),
]
facts = []
for n, (indicator, period, value, unit, quote) in enumerate(FACTS, 1):
    start = text.find(quote)  # Python indexes by code point, as the dashboard's Array.from does
    if start < 0:
        continue
    facts.append({"n": n, "indicator": indicator, "region": "330112", "period": period, "kind": "actual",
                  "value": value, "unit": unit, "bound": None, "status": "final", "quote": quote,
                  "start": start, "end": start + len(quote), "review": "proposed"})
facts[1]["review"] = "accepted"
document = {"id": 1, "title": "临安区科技局2021年工作总结和2022年工作思路", "publisher": "临安区科技局",
            "published_on": "2022-03-24", "region": "330112", "report_year": 2021, "source": "examples/linan-2021.txt"}
lock = threading.Lock()


def summary():
    counts = {k: sum(1 for f in facts if f["review"] == k) for k in ("proposed", "accepted", "rejected")}
    return dict(document, facts=len(facts), **counts)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_json(self, status, body):
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8" if status < 400 else "application/problem+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/documents":
            return self.send_json(200, {"data": [summary()]})
        if path == "/documents/1":
            with lock:
                return self.send_json(200, dict(document, text=text, facts=facts))
        if path.startswith("/documents/"):
            return self.send_json(404, {"title": "Not Found", "status": 404, "detail": "no such document"})
        self.proxy()

    def do_POST(self):
        parts = self.path.split("?")[0].strip("/").split("/")
        if parts[:1] == ["documents"]:
            if self.headers.get("Authorization", "") != "Bearer mock-token":
                return self.send_json(401, {"title": "Unauthorized", "status": 401, "detail": "a token is required"})
            with lock:
                if len(parts) == 5 and parts[2] == "facts" and parts[4] in ("accept", "reject"):
                    for f in facts:
                        if str(f["n"]) == parts[3]:
                            f["review"] = "accepted" if parts[4] == "accept" else "rejected"
                            return self.send_json(200, f)
                elif len(parts) == 3 and parts[2] == "accept":
                    for f in facts:
                        if f["review"] == "proposed":
                            f["review"] = "accepted"
                    return self.send_json(200, summary())
            return self.send_json(404, {"title": "Not Found", "status": 404, "detail": "no such fact"})
        self.proxy()

    def proxy(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "content-length")}
        request = urllib.request.Request(upstream + self.path, data=body, headers=headers, method=self.command)
        try:
            response = urllib.request.urlopen(request, timeout=30)
        except urllib.error.HTTPError as e:
            response = e
        data = response.read()
        self.send_response(response.status if hasattr(response, "status") else response.code)
        for k, v in response.headers.items():
            if k.lower() not in ("connection", "transfer-encoding", "content-length", "date", "server"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
