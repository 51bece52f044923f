#!/bin/sh
# Debian's Chromium for the browser tests (tests/browser/), installed with
# apt-get when this user may (root, or sudo without a password). Never fails:
# without Chromium the browser tests are skipped and the test run says so.
set -u
[ -x /usr/bin/chromium ] && exit 0

if [ "$(id -u)" = 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    echo "Chromium is not installed and cannot be installed here; the browser tests will be skipped." >&2
    exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)" >&2
    $as_root apt-get install -y -qq chromium >/dev/null 2>&1 \
        || { $as_root apt-get update -qq >/dev/null 2>&1 \
            && $as_root apt-get install -y -qq chromium >/dev/null 2>&1; }
fi
[ -x /usr/bin/chromium ] \
    || echo "Chromium could not be installed; the browser tests will be skipped." >&2
exit 0
