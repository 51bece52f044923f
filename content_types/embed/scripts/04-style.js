// The elements' look, in their shadow roots as a constructed stylesheet: no <style>
// element and no style attribute, so a host's CSP needs no 'unsafe-inline'.
// A host themes them with custom properties, which pass into shadow roots.
const CSS = `
:host { display: block; color: var(--samverkan-text, #1d2330); font: var(--samverkan-font, inherit);
  --space: var(--samverkan-spacing, 1rem); --accent: var(--samverkan-accent, #0b6e69);
  --muted: var(--samverkan-muted, #4f5868); --line: var(--samverkan-border, #c9ced8); }
:host([hidden]), [hidden] { display: none !important; }
* { box-sizing: border-box; }
.root { overflow-wrap: anywhere; }
h1, h2, h3, h4, h5, h6 { font-family: var(--samverkan-heading-font, inherit); line-height: 1.25;
  margin: calc(var(--space) * 1.25) 0 calc(var(--space) * .5); }
p { margin: calc(var(--space) * .4) 0; }
a { color: var(--accent); text-underline-offset: .15em; }
a:hover { text-decoration-thickness: 2px; }
a:focus-visible { outline: 3px solid var(--samverkan-focus, var(--accent)); outline-offset: 2px;
  border-radius: 2px; }
.muted, .kind, .zone { color: var(--muted); }
.status:empty { display: none; }
.status { margin: calc(var(--space) * .5) 0; }
.status.error { border-left: 4px solid #b3261e; padding-left: calc(var(--space) * .75); }
.notice { font-weight: 700; }
ul.actions { list-style: none; padding: 0; margin: var(--space) 0; display: flex; flex-wrap: wrap;
  gap: calc(var(--space) * .5) var(--space); }
ol.items, ul.events, ul.speakers { list-style: none; padding: 0; margin: 0; }
ol.items > li, ul.events > li { display: flex; flex-wrap: wrap; gap: 0 var(--space);
  padding: calc(var(--space) * .6) 0; border-top: 1px solid var(--line); }
ol.items .when { flex: 0 0 7.5rem; font-variant-numeric: tabular-nums; font-weight: 700; margin: 0; }
ol.items .what { flex: 1 1 14rem; min-width: 0; }
ul.events > li { display: block; }
.title { font-weight: 700; margin: 0; }
ul.events h1, ul.events h2, ul.events h3, ul.events h4, ul.events h5, ul.events h6 { margin: 0 0 .25rem; font-size: 1.1em; }
.speakers { color: var(--muted); }
@media print {
  :host { color: #000; }
  a { color: #000; }
  .status, .calendar { display: none !important; }
  ol.items > li, ul.events > li { break-inside: avoid; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
}
`;

let sheet = null;

/** The one stylesheet every element adopts; none where the browser cannot construct one. */
function stylesheet() {
  if (sheet === null && "adoptedStyleSheets" in Document.prototype) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
