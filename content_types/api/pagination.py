"""Wagtail's limit/offset pagination, safe for any offset."""

from wagtail.api.v2.pagination import WagtailPagination


class ContentPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        items = super().paginate_queryset(queryset, request, view)  # validates limit and offset
        if int(request.GET.get("offset", 0)) >= self.total_count:
            # Past the last item there is nothing to fetch; an offset larger than
            # the database's integers would otherwise fail inside the query.
            return []
        return items
