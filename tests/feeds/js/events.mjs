// Reads an iCalendar file from standard input with ical.js, as Thunderbird and
// Nextcloud's calendar do, and prints each VEVENT as JSON: its UID exactly as
// written (with any parameters), its summary and its start as a UTC instant.
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const calendar = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString("utf-8")));

const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  const uid = vevent.getFirstProperty("uid");
  return {
    uid: event.uid,
    uid_parameters: uid ? Object.keys(uid.toJSON()[1]) : [],
    summary: event.summary,
    start: event.startDate.toJSDate().toISOString(),
  };
});
const zones = calendar.getAllSubcomponents("vtimezone").map((zone) => zone.getFirstPropertyValue("tzid"));
process.stdout.write(JSON.stringify({ events, zones }));
