#!/usr/bin/env bash
# Regenerates the PDF fixtures under Tests/ExtractionTests/Fixtures/pdf/ (run once; the PDFs are
# committed). Needs chromium, a CJK font, poppler-utils and qpdf, installed here if missing.
#
#   linan-2021.pdf           the seed report linan-2021.txt printed by headless Chromium: A4, wrapped
#                            lines, the metadata block as a table, a running header (the title) and a
#                            "- N -" footer on every page, as pdftotext will find them in real reports
#   short.pdf                one page, three figures: the small valid PDF the API and CLI tests post
#   short-encrypted.pdf      short.pdf with a user password (qpdf, AES-256)
#   short-truncated.pdf      the first half of short.pdf, as a download cut short
#   scanned.pdf              page 1 of linan-2021.pdf as a JPEG and nothing else: no text layer
#
#   scripts/make-pdf-fixtures.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=$HERE/Tests/ExtractionTests/Fixtures/pdf
mkdir -p "$OUT"

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
fc-list 2>/dev/null | grep -qi "wenquanyi micro hei" || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# A report's lines as a printed page: the `a | b |` metadata rows as a table, 一、 and (一) lines as
# headings (regular weight: a synthetic bold would be drawn as Type 3 outlines, not text), the
# rest as indented paragraphs; the header and footer are CSS page-margin boxes.
to_html() {  # source title
    python3 - "$1" "$2" <<'PY'
import html, re, sys
src, title = sys.argv[1], sys.argv[2]
lines = open(src, encoding="utf-8").read().splitlines()
meta, body = [], []
for line in lines:
    (meta if line.count("|") >= 2 and not body else body).append(line)
out = []
if meta:
    out.append("<table>")
    for row in meta:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    out.append("</table>")
for line in body:
    if not line.strip():
        continue
    e = html.escape(line)
    if re.match(r"^[一二三四五六七八九十]+、", line) and len(line) < 40:
        out.append(f"<h2>{e}</h2>")
    elif re.match(r"^[（(][一二三四五六七八九十]+[)）]", line) and len(line) < 40:
        out.append(f"<h3>{e}</h3>")
    else:
        out.append(f"<p>{e}</p>")
font = '"WenQuanYi Micro Hei", sans-serif'
print(f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
@page {{ size: A4; margin: 22mm 20mm 20mm 20mm;
  @top-center {{ content: "{title}"; font-family: {font}; font-size: 9pt; }}
  @bottom-center {{ content: "- " counter(page) " -"; font-family: {font}; font-size: 10pt; }} }}
body {{ font-family: {font}; font-size: 12pt; line-height: 1.6; text-align: justify; }}
p {{ text-indent: 2em; margin: 0 0 0.3em 0; }}
h2, h3 {{ font-weight: normal; font-size: 12pt; margin: 0.5em 0 0.2em 0; }}
table {{ border-collapse: collapse; font-size: 10pt; margin-bottom: 1em; }}
td {{ border: 1px solid #888; padding: 2px 6px; }}
</style></head><body>
{chr(10).join(out)}
</body></html>""")
PY
}

print_pdf() {  # html pdf
    timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$2" "file://$1" >/dev/null 2>&1
    # Object streams and maximum compression: the fixtures are committed.
    qpdf --object-streams=generate --recompress-flate --compression-level=9 "$2" "$2.small"
    mv "$2.small" "$2"
}

to_html "$HERE/Tests/ExtractionTests/Fixtures/linan-2021.txt" "临安区科技局2021年工作总结" >"$WORK/linan.html"
print_pdf "$WORK/linan.html" "$OUT/linan-2021.pdf"

cat >"$WORK/short.txt" <<'TXT'
一、主要指标完成情况
2021年，全区R&D经费投入20.05亿元，占GDP比重达3.34%；新认定国家高新技术企业104家。
TXT
to_html "$WORK/short.txt" "临安区科技工作简报" >"$WORK/short.html"
print_pdf "$WORK/short.html" "$OUT/short.pdf"

qpdf --encrypt user owner 256 -- "$OUT/short.pdf" "$OUT/short-encrypted.pdf"

# A download cut short: the first half of the file, without the cross-reference table or %%EOF.
head -c "$(( $(stat -c %s "$OUT/short.pdf") / 2 ))" "$OUT/short.pdf" >"$OUT/short-truncated.pdf"

# A scan: one grey JPEG of page 1 at 40 dpi on an A4 page, written as a minimal PDF by hand.
pdftoppm -f 1 -l 1 -r 40 -gray -jpeg -jpegopt quality=50 "$OUT/linan-2021.pdf" "$WORK/page"
python3 - "$WORK"/page*.jpg "$OUT/scanned.pdf" <<'PY'
import struct, sys
jpeg = open(sys.argv[1], "rb").read()
i = 2
while True:  # the frame header (SOF0/SOF2) holds the image size
    marker, length = jpeg[i + 1], struct.unpack(">H", jpeg[i + 2:i + 4])[0]
    if marker in (0xC0, 0xC2):
        height, width = struct.unpack(">HH", jpeg[i + 5:i + 9])
        break
    i += 2 + length
content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (width, height, len(jpeg)) + jpeg + b"\nendstream",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
]
out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for n, body in enumerate(objects, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for o in offsets:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(sys.argv[2], "wb").write(out)
PY

for f in "$OUT"/*.pdf; do
    printf '%-28s %7d bytes  ' "$(basename "$f")" "$(stat -c %s "$f")"
    pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {printf "%s pages", $2}' || true
    echo
done
