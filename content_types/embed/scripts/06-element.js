// What both elements share: a shadow root with a polite status line, the
// element's own content (a link) shown until the data has come, and a place
// for what was read. A failed request keeps the link and says so.

class SamverkanElement extends HTMLElement {
  static observedAttributes = ["lang", "api", "heading-level"];

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    const styles = stylesheet();
    if (styles) root.adoptedStyleSheets = [styles];
    this.statusLine = el("p", { class: "status", role: "status", "aria-live": "polite" });
    this.fallbackBox = el("div", { class: "fallback" }, el("slot"));
    this.contentBox = el("div", { class: "content" });
    root.append(el("div", { class: "root", part: "root" }, this.statusLine, this.fallbackBox, this.contentBox));
    this.generation = 0;
  }

  connectedCallback() {
    this.refresh();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.refresh();
  }

  /** The level of the element's first heading (``heading-level``, 1–6; 2 by default). */
  get headingLevel() {
    const level = Number.parseInt(this.getAttribute("heading-level") || "2", 10);
    return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
  }

  /** Reads again after a change; several changes at once make one request. */
  refresh() {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      this.show();
    });
  }

  async show() {
    const generation = ++this.generation;
    const t = TEXT[languageOf(this)];
    this.statusLine.classList.remove("error");
    this.statusLine.textContent = this.loadingText(t);
    let nodes;
    try {
      nodes = await this.build(t);
    } catch (error) {
      if (generation !== this.generation) return;
      this.contentBox.replaceChildren();
      this.fallbackBox.hidden = false;
      this.statusLine.classList.add("error");
      this.statusLine.textContent = error instanceof NotFound ? t.notFound : t.failed;
      this.dataset.state = "failed";
      return;
    }
    if (generation !== this.generation) return;
    this.contentBox.replaceChildren(...nodes);
    this.fallbackBox.hidden = true;
    this.statusLine.textContent = "";
    this.dataset.state = "ready";
  }
}
