#!/usr/bin/env bash
# Test setup: the report tests open rendered HTML in Debian's headless chromium to prove that
# nothing from an article can run. Installs it when missing and we are root (CI containers);
# otherwise says how, and the browser tests skip.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "ensure_chromium: installing chromium (apt-get)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "ensure_chromium: /usr/bin/chromium missing; 'sudo apt-get install chromium' to run the browser tests" >&2
fi
