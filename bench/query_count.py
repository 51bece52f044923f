"""Counts the SQL queries of each request and reports them in an ``X-Query-Count`` header.

Counted in the server the load goes to, so the figure is the one a client
pays for, with whatever the middleware, the response cache and the view ask.
"""

from contextlib import ExitStack

from django.db import connections

QUERY_COUNT_HEADER = "X-Query-Count"


class QueryCounter:
    """An execute wrapper (``connection.execute_wrapper``) that only counts."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = QueryCounter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            # Django renders a template or DRF response before it gets here.
            response = self.get_response(request)
        response[QUERY_COUNT_HEADER] = str(counter.count)
        return response
