// Dates and times in the event's own time zone, never the reader's.

function formatTime(t, iso, zone) {
  return new Intl.DateTimeFormat(t.tag, { timeZone: zone, hour: "2-digit", minute: "2-digit" })
    .format(new Date(iso));
}

function formatDate(t, iso, zone) {
  return new Intl.DateTimeFormat(t.tag, { timeZone: zone, day: "numeric", month: "long", year: "numeric" })
    .format(new Date(iso));
}

/** A calendar date ("2009-10-20") in words, whatever the reader's time zone. */
function formatDay(t, day, options = { weekday: "long", day: "numeric", month: "long", year: "numeric" }) {
  return new Intl.DateTimeFormat(t.tag, { timeZone: "UTC", ...options }).format(new Date(`${day}T12:00:00Z`));
}

function localDay(iso, zone) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date(iso));
}

/** The zone's name at ``iso`` (summer or standard time), ``style`` "long" or "short". */
function zoneName(t, zone, iso, style) {
  const parts = new Intl.DateTimeFormat(t.tag, { timeZone: zone, timeZoneName: style }).formatToParts(new Date(iso));
  const name = parts.find((part) => part.type === "timeZoneName");
  return name ? name.value : zone;
}

function time(iso, text) {
  return el("time", { datetime: iso }, text);
}

/** "20 oktober 2009 10:00–16:30" as <time> elements; the end's date only when it is another day. */
function span(t, event) {
  const zone = event.timezone;
  const sameDay = localDay(event.start, zone) === localDay(event.end, zone);
  const end = sameDay ? formatTime(t, event.end, zone)
    : `${formatDate(t, event.end, zone)} ${formatTime(t, event.end, zone)}`;
  return [time(event.start, `${formatDate(t, event.start, zone)} ${formatTime(t, event.start, zone)}`), "–", time(event.end, end)];
}
