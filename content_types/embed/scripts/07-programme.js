// <samverkan-programme conference="12">: a conference's programme, day by day.

/** Programme items by day in the event's time zone; untimed items join a one-day event's day. */
function programmeByDay(conference) {
  const zone = conference.timezone;
  const first = localDay(conference.start, zone);
  const onlyDay = first === localDay(conference.end, zone) ? first : null;
  const days = new Map();
  for (const item of conference.programme || []) {
    const day = item.day || onlyDay || "";
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(item);
  }
  return [...days.entries()].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
}

function speaker(t, entry) {
  const organisation = entry.organisation && entry.organisation.name;
  const about = [entry.title, organisation].filter(Boolean).join(", ");
  const role = t.roles[entry.role];
  return el("li", { class: "speaker" }, el("span", { class: "name" }, entry.name),
    about ? `, ${about}` : "", role ? ` (${role})` : "");
}

function itemTimes(item, t, zone) {
  if (!item.start) return [];
  return [time(item.start, formatTime(t, item.start, zone)),
    item.end ? ["–", time(item.end, formatTime(t, item.end, zone))] : []];
}

function programmeItem(t, item, zone) {
  const kind = t.itemKinds[item.kind];
  const calendar = webUrl(item.calendar_url);
  return el("li", { class: "item", "data-kind": item.kind },
    el("div", { class: "when" }, itemTimes(item, t, zone)),
    el("div", { class: "what" },
      kind ? el("p", { class: "kind" }, kind) : null,
      el("p", { class: "title" }, item.title),
      item.location ? el("p", { class: "location" }, `${t.place}: ${item.location}`) : null,
      paragraphs(item.description),
      item.speakers && item.speakers.length ? el("ul", { class: "speakers" }, item.speakers.map((s) => speaker(t, s))) : null,
      calendar ? el("p", { class: "calendar" },
        el("a", { href: calendar, type: "text/calendar", "aria-label": `${t.addItem}: ${item.title}` }, t.addItem)) : null));
}

function place(conference) {
  const venue = conference.venue;
  if (venue) return [venue.name, venue.city].filter(Boolean).join(", ");
  return conference.region ? conference.region.name : "";
}

function registrationLink(t, conference) {
  const registration = conference.registration || {};
  const href = webUrl(registration.url) || (registration.email ? `mailto:${registration.email}` : null);
  if (!href) return null;
  const deadline = registration.deadline
    ? ` (${t.registerBy.replace("%s", formatDay(t, registration.deadline, { day: "numeric", month: "long", year: "numeric" }))})`
    : "";
  return el("li", {}, el("a", { href, class: "register" }, t.register), deadline);
}

class ProgrammeElement extends SamverkanElement {
  static observedAttributes = [...SamverkanElement.observedAttributes, "conference"];

  loadingText(t) {
    return t.loadingProgramme;
  }

  async build(t) {
    const id = (this.getAttribute("conference") || "").trim();
    if (!/^[0-9]+$/.test(id)) throw new NotFound(id);
    const conference = await readApi(this, `pages/${id}/`);
    if (!conference.meta || conference.meta.type !== "content_types.ConferencePage") throw new NotFound(id);
    const level = this.headingLevel;
    const zone = conference.timezone;
    const where = place(conference);
    const days = programmeByDay(conference);
    const calendar = webUrl(conference.calendar_url);
    const page = webUrl(conference.meta.html_url);
    return [el("article", { class: "conference", lang: conference.meta.locale || null },
      heading(level, 0, conference.title),
      t.kinds[conference.kind] ? el("p", { class: "kind" }, t.kinds[conference.kind]) : null,
      t.status[conference.status] ? el("p", { class: "notice" }, t.status[conference.status]) : null,
      el("p", { class: "span" }, span(t, conference)),
      el("p", { class: "zone" }, t.timesIn.replace("%s", `${zoneName(t, zone, conference.start, "long")} (${zone})`)),
      where ? el("p", { class: "place" }, `${t.place}: ${where}`) : null,
      el("ul", { class: "actions" },
        registrationLink(t, conference),
        calendar ? el("li", { class: "calendar" }, el("a", { href: calendar, type: "text/calendar" }, t.addConference)) : null,
        page ? el("li", {}, el("a", { href: page, "aria-label": `${t.fullPage}: ${conference.title}` }, t.fullPage)) : null),
      days.length ? days.map(([day, items]) => el("section", { class: "day", "data-day": day || null },
        heading(level, 1, day ? time(day, formatDay(t, day)) : t.untimed),
        el("ol", { class: "items" }, items.map((item) => programmeItem(t, item, zone)))))
        : el("p", { class: "empty" }, t.emptyProgramme))];
  }
}
