// Building the DOM: text is always inserted as text, never parsed as markup.

/** An element with attributes and children; null, undefined and false are left out. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false && child !== "") node.append(child);
  }
  return node;
}

/** A heading ``offset`` levels below the element's first, never deeper than h6. */
function heading(level, offset, ...children) {
  return el(`h${Math.min(level + offset, 6)}`, {}, ...children);
}

/** Only web addresses become links; anything else from the API is left out. */
function webUrl(url) {
  return /^https?:\/\//i.test(url || "") ? url : null;
}

/** The plain text of the API's rich text (``description``), one paragraph per block. */
function paragraphs(html) {
  if (!html) return [];
  // DOMParser's document is inert: nothing in it runs or loads. Only its text is used.
  const body = new DOMParser().parseFromString(html, "text/html").body;
  const blocks = body.children.length ? [...body.children] : [body];
  return blocks.map((block) => block.textContent.trim()).filter(Boolean)
    .map((text) => el("p", { class: "description" }, text));
}
