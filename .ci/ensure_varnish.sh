#!/bin/sh
# Debian's Varnish with the xkey vmod (varnish-modules) for the test that runs
# the API behind deploy/varnish/default.vcl (tests/api/test_varnish.py),
# installed with apt-get when this user may (root, or sudo without a password).
# Never fails: without them that test is skipped and the test run says so.
set -u
has_xkey() {
    [ -x /usr/sbin/varnishd ] && ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1
}
has_xkey && exit 0

if [ "$(id -u)" = 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    echo "Varnish is not installed and cannot be installed here; the Varnish test will be skipped." >&2
    exit 0
fi

if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Varnish for the CDN test (apt-get install varnish varnish-modules)" >&2
    # Installed, not started: the test runs its own varnishd.
    install="env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends"
    $as_root $install varnish varnish-modules >/dev/null 2>&1 \
        || { $as_root apt-get update -qq >/dev/null 2>&1 \
            && $as_root $install varnish varnish-modules >/dev/null 2>&1; }
fi
has_xkey || echo "Varnish could not be installed; the Varnish test will be skipped." >&2
exit 0
