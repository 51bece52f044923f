# Varnish in front of the Samverkan site: the API's answers kept and purged by
# surrogate key. Needs the xkey vmod (Debian: apt-get install varnish varnish-modules).
# See docs/operations.md, "A CDN or Varnish".
#
# The site's address is in backend.vcl, found on vcl_path beside this file:
#   varnishd -a :6081 -f /etc/varnish/default.vcl -p vcl_path=/etc/varnish
# The site is told where to purge with FRONTEND_CACHE_URL=http://<this Varnish>:6081.
vcl 4.1;

import xkey;

include "backend.vcl";

# Who may purge: the site's servers, task workers and scheduled-publishing job.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed to purge"));
        }
        # Every object that names any of the keys (the site's frontend_cache/surrogate_keys.py).
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.x-purged + " objects"));
        }
        # A URL (Wagtail's frontend cache: a page's detail and HTML URLs).
        return (purge);
    }
    # Everything else as Varnish's built-in rules say: GET and HEAD only, and never a
    # request with a Cookie or Authorization (the API answers those as a signed-in reader).
}

sub vcl_backend_response {
    # The API names what an answer contains in Surrogate-Key; xkey indexes the xkey header.
    if (beresp.http.Surrogate-Key && !beresp.http.xkey) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Never serve an answer past its max-age while fetching a new one: a purge drops what
    # a change makes stale, and max-age already ends where the page schedule changes.
    set beresp.grace = 0s;
}

sub vcl_deliver {
    # Whether this answer came from the cache, for operators and tests.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are for the cache, not for readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
