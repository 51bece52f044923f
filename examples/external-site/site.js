/*
 * An external site on the Samverkan API: upcoming conferences in Swedish or
 * Norwegian, each with its programme, venue, registration, a calendar link and
 * its schema.org markup in the page head. Plain browser JavaScript, no build.
 *
 * The page reads its state from the address:
 *   ?lang=sv|nb         the language of the content and of the page
 *   &conference=<id>    one conference (its id in the API)
 *   &past=1             earlier conferences instead of upcoming ones
 *   &api=<url>          another API than the one configured below
 */

// Where the Samverkan API answers. This origin must be in the API's CORS_ALLOWED_ORIGINS.
const API_BASE = "http://127.0.0.1:8000";
const LANGUAGES = { sv: "Svenska", nb: "Norsk" };
const DEFAULT_LANGUAGE = "sv";

const TEXT = {
  sv: {
    tag: "sv-SE",
    upcoming: "Kommande konferenser och seminarier",
    past: "Tidigare konferenser och seminarier",
    showPast: "Visa tidigare konferenser",
    showUpcoming: "Visa kommande konferenser",
    noUpcoming: "Inga kommande konferenser just nu.",
    noPast: "Inga tidigare konferenser.",
    allConferences: "← Alla konferenser",
    loading: "Laddar …",
    doorsOpen: "Registreringen öppnar",
    timesIn: "Alla tider i %s.",
    addToCalendar: "Lägg till i kalendern",
    moreInfo: "Mer information",
    programme: "Program",
    emptyProgramme: "Programmet är inte publicerat ännu.",
    untimed: "Tid meddelas senare",
    venue: "Plats",
    directions: "Vägbeskrivning",
    noVenue: "Platsen meddelas senare.",
    registration: "Anmälan",
    deadline: "Sista anmälningsdag",
    byEmail: "Anmäl dig per e-post",
    byWeb: "Anmäl dig på webben",
    binding: "Anmälan är bindande.",
    dietary: "Ange eventuell specialkost när du anmäler dig.",
    price: "Pris",
    free: "Kostnadsfritt",
    noShowFee: "Avgift om du uteblir utan att avboka",
    included: "Ingår",
    includes: { coffee: "kaffe", lunch: "lunch", dinner: "middag", accommodation: "logi" },
    status: { cancelled: "Inställd.", postponed: "Uppskjuten." },
    unreachable: "Kunde inte nå Samverkan på %s. Försök igen om en stund.",
    failed: "Något gick fel när sidan skulle visas.",
    apiError: "Samverkan svarade med ett fel (%s).",
    notInLanguage: "Konferensen finns inte på svenska.",
    notFound: "Konferensen finns inte, eller är inte publicerad.",
    kinds: {
      conference: "Konferens", seminar: "Seminarium", workshop: "Workshop",
      network_meeting: "Nätverksträff", course: "Kurs", other: "Evenemang",
    },
    roles: { host: "värd", moderator: "moderator", panellist: "paneldeltagare" },
  },
  nb: {
    tag: "nb-NO",
    upcoming: "Kommende konferanser og seminarer",
    past: "Tidligere konferanser og seminarer",
    showPast: "Vis tidligere konferanser",
    showUpcoming: "Vis kommende konferanser",
    noUpcoming: "Ingen kommende konferanser akkurat nå.",
    noPast: "Ingen tidligere konferanser.",
    allConferences: "← Alle konferanser",
    loading: "Laster …",
    doorsOpen: "Registreringen åpner",
    timesIn: "Alle tider i %s.",
    addToCalendar: "Legg til i kalenderen",
    moreInfo: "Mer informasjon",
    programme: "Program",
    emptyProgramme: "Programmet er ikke publisert ennå.",
    untimed: "Tidspunkt kommer",
    venue: "Sted",
    directions: "Veibeskrivelse",
    noVenue: "Stedet kommer senere.",
    registration: "Påmelding",
    deadline: "Påmeldingsfrist",
    byEmail: "Meld deg på per e-post",
    byWeb: "Meld deg på nettet",
    binding: "Påmeldingen er bindende.",
    dietary: "Oppgi eventuelle allergier og spesialkost når du melder deg på.",
    price: "Pris",
    free: "Gratis",
    noShowFee: "Gebyr hvis du uteblir uten å melde avbud",
    included: "Inkludert",
    includes: { coffee: "kaffe", lunch: "lunsj", dinner: "middag", accommodation: "overnatting" },
    status: { cancelled: "Avlyst.", postponed: "Utsatt." },
    unreachable: "Fikk ikke kontakt med Samverkan på %s. Prøv igjen om litt.",
    failed: "Noe gikk galt da siden skulle vises.",
    apiError: "Samverkan svarte med en feil (%s).",
    notInLanguage: "Konferansen finnes ikke på norsk.",
    notFound: "Konferansen finnes ikke, eller er ikke publisert.",
    kinds: {
      conference: "Konferanse", seminar: "Seminar", workshop: "Verksted",
      network_meeting: "Nettverksmøte", course: "Kurs", other: "Arrangement",
    },
    roles: { host: "vert", moderator: "ordstyrer", panellist: "paneldeltaker" },
  },
};

const params = new URLSearchParams(location.search);
const apiBase = (params.get("api") || API_BASE).replace(/\/+$/, "");
const lang = Object.hasOwn(LANGUAGES, params.get("lang") || "") ? params.get("lang") : DEFAULT_LANGUAGE;
const t = TEXT[lang];

/** An element with attributes and children; text is always inserted as text. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** Only web addresses become links; anything else from the API is left out. */
function webUrl(url) {
  return /^https?:\/\//i.test(url || "") ? url : null;
}

/** A link to another view of this page, keeping the API address. */
function pageUrl({ language = lang, conference = null, past = false } = {}) {
  const next = new URLSearchParams({ lang: language });
  if (conference) next.set("conference", conference);
  if (past) next.set("past", "1");
  if (params.get("api")) next.set("api", params.get("api"));
  return `?${next}`;
}

class ApiError extends Error {}

/** GET from the API; an unreachable API or an error answer becomes an ApiError with a readable message. */
async function api(path, query = {}) {
  const url = `${apiBase}/api/v2/${path}?${new URLSearchParams(query)}`;
  let response;
  try {
    // Accept-Language gets the API's own error messages in the reader's language.
    response = await fetch(url, { headers: { Accept: "application/json", "Accept-Language": lang } });
  } catch (error) {
    throw new ApiError(t.unreachable.replace("%s", apiBase));
  }
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    body = null;
  }
  if (response.status === 404) throw new ApiError(t.notFound);
  if (!response.ok) {
    const detail = body && body.message ? `${response.status}: ${body.message}` : response.status;
    throw new ApiError(t.apiError.replace("%s", detail));
  }
  if (body === null) throw new ApiError(t.apiError.replace("%s", response.status));
  return body;
}

// Dates and times are shown in the event's own time zone, never the reader's.
function formatTime(iso, zone) {
  return new Intl.DateTimeFormat(t.tag, { timeZone: zone, hour: "2-digit", minute: "2-digit" })
    .format(new Date(iso));
}

function formatDate(iso, zone, options = { day: "numeric", month: "long", year: "numeric" }) {
  return new Intl.DateTimeFormat(t.tag, { timeZone: zone, ...options }).format(new Date(iso));
}

/** A calendar date ("2009-10-20") as words, whatever the reader's time zone. */
function formatDay(day, options = { weekday: "long", day: "numeric", month: "long", year: "numeric" }) {
  return new Intl.DateTimeFormat(t.tag, { timeZone: "UTC", ...options })
    .format(new Date(`${day}T12:00:00Z`));
}

function localDay(iso, zone) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date(iso));
}

/** The zone's name as it was at ``iso`` (summer or standard time). */
function zoneName(zone, iso) {
  const parts = new Intl.DateTimeFormat(t.tag, { timeZone: zone, timeZoneName: "long" })
    .formatToParts(new Date(iso));
  const name = parts.find((part) => part.type === "timeZoneName");
  return name ? `${name.value} (${zone})` : zone;
}

function when(conference) {
  const zone = conference.timezone;
  const [firstDay, lastDay] = [localDay(conference.start, zone), localDay(conference.end, zone)];
  const start = `${formatDate(conference.start, zone)} ${formatTime(conference.start, zone)}`;
  const end = firstDay === lastDay
    ? formatTime(conference.end, zone)
    : `${formatDate(conference.end, zone)} ${formatTime(conference.end, zone)}`;
  return `${start}–${end}`;
}

/** Rich text from the API as plain paragraphs: an external site need not trust markup. */
function paragraphs(html) {
  if (!html) return [];
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const blocks = parsed.body.children.length ? [...parsed.body.children] : [parsed.body];
  return blocks
    .map((block) => block.textContent.trim())
    .filter(Boolean)
    .map((text) => el("p", {}, text));
}

function show(...nodes) {
  const main = document.getElementById("content");
  main.replaceChildren(...nodes.flat(Infinity).filter(Boolean));
}

function showError(error) {
  const message = error instanceof ApiError ? error.message : t.failed;
  show(el("p", { role: "alert" }, message), el("p", {}, el("a", { href: pageUrl() }, t.allConferences)));
  if (!(error instanceof ApiError)) console.error(error);
}

function setUpChrome(translations = null) {
  document.documentElement.lang = lang;
  document.querySelector("[data-link=home]").href = pageUrl();
  const nav = document.querySelector("nav.languages");
  nav.replaceChildren(
    ...Object.entries(LANGUAGES).map(([code, name]) => {
      let href = pageUrl({ language: code, past: params.has("past") });
      if (translations) {
        const translation = translations.find((entry) => entry.locale === code);
        href = translation ? pageUrl({ language: code, conference: translation.id }) : pageUrl({ language: code });
      }
      return el("a", { href, hreflang: code, lang: code, "aria-current": code === lang ? "true" : null }, name);
    }),
  );
}

async function showConferences() {
  const past = params.has("past");
  setUpChrome();
  document.title = `${past ? t.past : t.upcoming} – Samverkan`;
  const { items } = await api("pages/", {
    type: "content_types.ConferencePage",
    locale: lang,
    fields: "kind,tagline,start,end,timezone,venue,status",
    ...(past ? { past: "true", order: "-start" } : { upcoming: "true", order: "start" }),
  });
  const list = items.length
    ? el("ul", { class: "conferences" }, items.map((conference) => el(
      "li",
      { "data-conference": conference.id },
      el("a", { href: pageUrl({ conference: conference.id }) }, conference.title),
      conference.tagline ? el("div", { class: "muted" }, conference.tagline) : null,
      el("div", {}, el("span", { class: "when" }, when(conference)),
        conference.venue ? ` · ${[conference.venue.name, conference.venue.city].filter(Boolean).join(", ")}` : ""),
      t.status[conference.status] ? el("strong", {}, t.status[conference.status]) : null,
    )))
    : el("p", { class: "notice" }, past ? t.noPast : t.noUpcoming);
  show(
    el("h1", {}, past ? t.past : t.upcoming),
    list,
    el("p", {}, el("a", { href: pageUrl({ past: !past }) }, past ? t.showUpcoming : t.showPast)),
  );
}

function venueFacts(venue) {
  if (!venue) return [el("p", {}, t.noVenue)];
  return [
    el("p", {}, el("strong", {}, venue.name), el("br"), venue.street_address, el("br"),
      [venue.postal_code, venue.city].filter(Boolean).join(" ")),
    venue.directions ? el("p", {}, venue.directions) : null,
    webUrl(venue.directions_url) ? el("p", {}, el("a", { href: venue.directions_url }, t.directions)) : null,
  ];
}

function registrationFacts(conference) {
  const registration = conference.registration || {};
  const facts = [];
  const fact = (term, ...description) => facts.push(el("dt", {}, term), el("dd", {}, ...description));
  if (registration.deadline) fact(t.deadline, formatDay(registration.deadline, { day: "numeric", month: "long", year: "numeric" }));
  if (registration.email) fact(t.byEmail, el("a", { href: `mailto:${registration.email}` }, registration.email));
  if (webUrl(registration.url)) fact(t.byWeb, el("a", { href: registration.url }, registration.url));
  const money = (amount) => `${Number(amount).toLocaleString(t.tag)} ${conference.currency || ""}`.trim();
  if (conference.is_free || conference.price) fact(t.price, conference.is_free ? t.free : money(conference.price));
  if (conference.no_show_fee) fact(t.noShowFee, money(conference.no_show_fee));
  const included = conference.included || {};
  const includes = Object.keys(t.includes).filter((name) => included[name]).map((name) => t.includes[name]);
  const listed = includes.join(", ");
  const includedText = [listed && listed[0].toUpperCase() + listed.slice(1), included.note].filter(Boolean);
  if (includedText.length) fact(t.included, includedText.join(". "));
  return [
    el("dl", {}, facts),
    registration.is_binding ? el("p", {}, t.binding) : null,
    registration.asks_dietary_requirements ? el("p", {}, t.dietary) : null,
    registration.instructions ? el("p", {}, registration.instructions) : null,
  ];
}

/** Programme items by day in the event's time zone; untimed items join a one-day event's day. */
function programmeByDay(conference) {
  const zone = conference.timezone;
  const onlyDay = localDay(conference.start, zone) === localDay(conference.end, zone)
    ? localDay(conference.start, zone)
    : null;
  const days = new Map();
  for (const item of conference.programme || []) {
    const day = item.day || onlyDay || "";
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(item);
  }
  return [...days.entries()].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
}

function speaker(entry) {
  const role = t.roles[entry.role];
  const about = [entry.title, entry.organisation && entry.organisation.name].filter(Boolean).join(", ");
  return el("li", { class: "speaker" }, el("span", { class: "speaker-name" }, entry.name),
    about ? `, ${about}` : "", role ? ` (${role})` : "");
}

function programmeSection(conference) {
  const zone = conference.timezone;
  const days = programmeByDay(conference);
  if (!days.length) return [el("h2", {}, t.programme), el("p", { class: "notice" }, t.emptyProgramme)];
  return [
    el("h2", {}, t.programme),
    el("p", { class: "muted" }, t.timesIn.replace("%s", zoneName(zone, conference.start))),
    days.map(([day, items]) => el("section", { class: "programme-day", "data-day": day || null },
      el("h3", {}, day ? formatDay(day) : t.untimed),
      el("ol", { class: "programme" }, items.map((item) => el("li", { class: "programme-item", "data-kind": item.kind },
        el("span", { class: "time" },
          item.start ? [formatTime(item.start, zone), item.end ? `–${formatTime(item.end, zone)}` : ""].join("") : ""),
        el("div", {},
          el("div", { class: "item-title" }, item.title),
          item.location ? el("div", { class: "muted" }, item.location) : null,
          paragraphs(item.description),
          item.speakers.length ? el("ul", { class: "speakers" }, item.speakers.map(speaker)) : null),
      ))))),
  ];
}

/** The conference's schema.org Event, as the API gives it, for search engines. */
function putStructuredData(jsonLd) {
  document.querySelectorAll('script[type="application/ld+json"]').forEach((node) => node.remove());
  if (!jsonLd) return;
  const script = el("script", { type: "application/ld+json" });
  script.textContent = JSON.stringify(jsonLd);
  document.head.append(script);
}

async function showConference(id) {
  setUpChrome();
  const conference = await api(`pages/${encodeURIComponent(id)}/`, { fields: "*" });
  if (conference.meta.type !== "content_types.ConferencePage") {
    throw new ApiError(t.notFound);
  }
  const translations = conference.meta.translations || [];
  if (conference.meta.locale !== lang) {
    const translation = translations.find((entry) => entry.locale === lang);
    if (translation) {
      location.replace(pageUrl({ conference: translation.id }));
      return;
    }
    throw new ApiError(t.notInLanguage);
  }
  setUpChrome(translations);
  document.title = `${conference.title} – Samverkan`;
  putStructuredData(conference.json_ld);
  const zone = conference.timezone;
  show(
    el("p", {}, el("a", { href: pageUrl() }, t.allConferences)),
    el("article", { class: "conference", "data-conference": conference.id },
      el("p", { class: "muted" }, t.kinds[conference.kind] || ""),
      el("h1", {}, conference.title),
      conference.tagline ? el("p", { class: "tagline" }, conference.tagline) : null,
      t.status[conference.status] ? el("p", { role: "status", class: "notice" }, t.status[conference.status]) : null,
      el("p", { class: "when" }, when(conference)),
      conference.doors_open ? el("p", {}, `${t.doorsOpen} ${formatTime(conference.doors_open, zone)}`) : null,
      el("p", {},
        webUrl(conference.calendar_url)
          ? el("a", { class: "calendar", href: conference.calendar_url, type: "text/calendar" }, t.addToCalendar)
          : null,
        webUrl(conference.more_info_url) ? [" ", el("a", { href: conference.more_info_url }, t.moreInfo)] : null),
      paragraphs(conference.description),
      el("div", { class: "facts" },
        el("section", { class: "venue" }, el("h2", {}, t.venue), venueFacts(conference.venue)),
        el("section", { class: "registration" }, el("h2", {}, t.registration), registrationFacts(conference))),
      programmeSection(conference)),
  );
}

function start() {
  show(el("p", { class: "muted" }, t.loading));
  const id = params.get("conference");
  (id ? showConference(id) : showConferences()).catch(showError);
}

start();
