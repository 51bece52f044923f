# The site Varnish stands in front of (gunicorn, or the proxy before it). Included by
# default.vcl; replace it with your own, on vcl_path, to point elsewhere.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
}
