#!/usr/bin/env bash
# Debian packages the tests and tools use: Chromium (browser tests of the widget and the console),
# zbar and poppler (decoding QR posters, rendering their PDF), DejaVu fonts (posters), PostgreSQL and Redis (scale-out tests).
# Installs what is missing when run as root with apt-get; otherwise names what to install.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
ldconfig -p 2>/dev/null | grep -q libzbar.so || missing+=(libzbar0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ -x /usr/sbin/nginx ] || missing+=(nginx)

[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
  # the Debian postgresql package starts a cluster of its own; the tests start their own servers
  exit 0
fi
echo "Missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
exit 1
