#!/bin/sh
# wrk, the load generator of make bench, from the system's packages (Debian: wrk).
# Installs it when this user may (root, or sudo without a password); else says how.
set -u
command -v wrk >/dev/null 2>&1 && exit 0

if [ "$(id -u)" = 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    as_root="none"
fi

if [ "$as_root" != none ] && command -v apt-get >/dev/null 2>&1; then
    echo "make bench: installing wrk with apt-get" >&2
    $as_root apt-get install -y -qq wrk >/dev/null 2>&1 \
        || { $as_root apt-get update -qq >/dev/null 2>&1 && $as_root apt-get install -y -qq wrk >/dev/null 2>&1; }
    command -v wrk >/dev/null 2>&1 && exit 0
fi

echo "make bench: wrk is not installed and could not be installed here." >&2
echo "Install it as an administrator (Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk), then run make bench again." >&2
exit 1
