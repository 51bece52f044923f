// What the elements say, in Swedish and in Norwegian. Neither falls back to the other.
const TEXT = {
  sv: {
    tag: "sv-SE",
    loadingProgramme: "Hämtar programmet …",
    loadingEvents: "Hämtar konferenser …",
    failed: "Det gick inte att hämta från Samverkan just nu. Länken nedan fungerar.",
    notFound: "Konferensen finns inte, eller är inte publicerad. Länken nedan fungerar.",
    upcoming: "Kommande konferenser och seminarier",
    past: "Tidigare konferenser och seminarier",
    noUpcoming: "Inga kommande konferenser just nu.",
    noPast: "Inga tidigare konferenser.",
    timesIn: "Alla tider i %s.",
    place: "Plats",
    untimed: "Tid meddelas senare",
    emptyProgramme: "Programmet är inte publicerat ännu.",
    register: "Anmälan",
    registerBy: "Sista anmälningsdag %s",
    addConference: "Lägg till konferensen i kalendern",
    addItem: "Lägg till i kalendern",
    fullPage: "Konferensens sida",
    status: { cancelled: "Inställd.", postponed: "Uppskjuten." },
    kinds: {
      conference: "Konferens", seminar: "Seminarium", workshop: "Workshop",
      network_meeting: "Nätverksträff", course: "Kurs", other: "Evenemang",
    },
    itemKinds: {
      talk: "Föredrag", panel: "Panelsamtal", workshop: "Workshop", break: "Paus",
      meal: "Måltid", travel: "Resa", registration: "Registrering", other: "Övrigt",
    },
    roles: { host: "värd", moderator: "moderator", panellist: "paneldeltagare" },
  },
  nb: {
    tag: "nb-NO",
    loadingProgramme: "Henter programmet …",
    loadingEvents: "Henter konferanser …",
    failed: "Kunne ikke hente fra Samverkan akkurat nå. Lenken nedenfor virker.",
    notFound: "Konferansen finnes ikke, eller er ikke publisert. Lenken nedenfor virker.",
    upcoming: "Kommende konferanser og seminarer",
    past: "Tidligere konferanser og seminarer",
    noUpcoming: "Ingen kommende konferanser akkurat nå.",
    noPast: "Ingen tidligere konferanser.",
    timesIn: "Alle tider i %s.",
    place: "Sted",
    untimed: "Tidspunkt kommer",
    emptyProgramme: "Programmet er ikke publisert ennå.",
    register: "Påmelding",
    registerBy: "Påmeldingsfrist %s",
    addConference: "Legg konferansen til i kalenderen",
    addItem: "Legg til i kalenderen",
    fullPage: "Konferansens side",
    status: { cancelled: "Avlyst.", postponed: "Utsatt." },
    kinds: {
      conference: "Konferanse", seminar: "Seminar", workshop: "Workshop",
      network_meeting: "Nettverksmøte", course: "Kurs", other: "Arrangement",
    },
    itemKinds: {
      talk: "Foredrag", panel: "Panelsamtale", workshop: "Workshop", break: "Pause",
      meal: "Måltid", travel: "Reise", registration: "Registrering", other: "Annet",
    },
    roles: { host: "vert", moderator: "ordstyrer", panellist: "paneldeltaker" },
  },
};

/** The element's language: its lang attribute, else the page's <html lang>; Swedish otherwise. */
function languageOf(element) {
  const asked = (element.getAttribute("lang") || document.documentElement.lang || "").toLowerCase();
  const primary = asked.split("-")[0];
  if (primary === "nb" || primary === "no" || primary === "nn") return "nb";
  return "sv";
}
