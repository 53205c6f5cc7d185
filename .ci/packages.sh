#!/usr/bin/env bash
# System and browser-side packages of the end-to-end tests (tests/platform/e2e), installed from registries at CI
# time, never committed:
#  * Debian: chromium + chromium-driver (the headless browser Playwright drives through executable_path — no
#    `playwright install`, no browser download from a CDN), poppler-utils (pdftotext, for PDF reports) and
#    pango (WeasyPrint renders the PDF reports with it);
#  * npm: axe-core 4 (the accessibility engine injected into each page) into bench-peers/axe, which git ignores
#    and where the tests look for it (OSPO_AXE_PREFIX overrides the place).
# Idempotent: what is present already is not installed again. Run it, do not source it.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v chromedriver >/dev/null || [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v pdftotext >/dev/null || need+=(poppler-utils)
# WeasyPrint (PDF reports) loads pango through ctypes: the libraries, not the -dev packages.
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

AXE_PREFIX="${OSPO_AXE_PREFIX:-bench-peers/axe}"
if [ ! -f "$AXE_PREFIX/node_modules/axe-core/axe.min.js" ]; then
  mkdir -p "$AXE_PREFIX"
  npm install --prefix "$AXE_PREFIX" --no-audit --no-fund --no-save --silent axe-core@4
fi
echo "packages: $(/usr/bin/chromium --version 2>/dev/null | head -1), axe-core $(node -p \
  "require('./$AXE_PREFIX/node_modules/axe-core/package.json').version" 2>/dev/null || echo '?')" >&2
