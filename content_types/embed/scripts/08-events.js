// <samverkan-events>: upcoming (or past) conferences and seminars, one listing request.

const EVENT_FIELDS = "kind,tagline,start,end,timezone,venue,region,status";
const DEFAULT_LIMIT = 10;

class EventsElement extends SamverkanElement {
  static observedAttributes = [...SamverkanElement.observedAttributes, "when", "kind", "region", "focus-area", "limit"];

  get past() {
    return this.getAttribute("when") === "past";
  }

  loadingText(t) {
    return t.loadingEvents;
  }

  /** The listing's query: the attributes as the API's filters, which check them (a bad one answers 400). */
  query(lang) {
    const limit = Number.parseInt(this.getAttribute("limit") || "", 10);
    const query = {
      type: "content_types.ConferencePage",
      locale: lang,
      fields: EVENT_FIELDS,
      limit: Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : DEFAULT_LIMIT,
      ...(this.past ? { past: "true", order: "-start" } : { upcoming: "true", order: "start" }),
    };
    for (const [attribute, parameter] of [["kind", "kind"], ["region", "region"], ["focus-area", "focus_area"]]) {
      const value = (this.getAttribute(attribute) || "").trim();
      if (value) query[parameter] = value;
    }
    return query;
  }

  async build(t) {
    const lang = languageOf(this);
    const { items } = await readApi(this, "pages/", this.query(lang));
    const level = this.headingLevel;
    const title = this.past ? t.past : t.upcoming;
    if (!items.length) return [heading(level, 0, title), el("p", { class: "empty" }, this.past ? t.noPast : t.noUpcoming)];
    return [heading(level, 0, title), el("ul", { class: "events" }, items.map((event) => {
      const page = webUrl(event.meta && event.meta.html_url);
      const where = place(event);
      return el("li", { class: "event", "data-kind": event.kind },
        heading(level, 1, page ? el("a", { href: page }, event.title) : event.title),
        el("p", { class: "meta" },
          t.kinds[event.kind] ? el("span", { class: "kind" }, `${t.kinds[event.kind]} · `) : null,
          span(t, event), ` (${zoneName(t, event.timezone, event.start, "short")})`,
          where ? ` · ${where}` : ""),
        t.status[event.status] ? el("p", { class: "notice" }, t.status[event.status]) : null,
        event.tagline ? el("p", { class: "muted" }, event.tagline) : null);
    }))];
  }
}
