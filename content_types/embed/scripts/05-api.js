// Reading the Samverkan API: one anonymous GET per element.

// The origin the script came from: the API answers there unless an element says otherwise.
const SCRIPT_ORIGIN = document.currentScript && document.currentScript.src
  ? new URL(document.currentScript.src).origin
  : location.origin;

class NotFound extends Error {}

/** The API's address for ``element``: its ``api`` attribute, else where the script came from. */
function apiBase(element) {
  return (element.getAttribute("api") || SCRIPT_ORIGIN).replace(/\/+$/, "");
}

/** GET ``/api/v2/<path>`` as JSON, without cookies; a 404 is NotFound, anything else not 2xx an Error. */
async function readApi(element, path, query = {}) {
  const url = new URL(`${apiBase(element)}/api/v2/${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const response = await fetch(url, {
    credentials: "omit",
    mode: "cors",
    headers: { Accept: "application/json" },
  });
  if (response.status === 404) throw new NotFound(url);
  if (!response.ok) throw new Error(`${response.status} from ${url}`);
  return response.json();
}
