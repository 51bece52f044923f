// The elements, once, however many times the script is included.
for (const [name, element] of [["samverkan-programme", ProgrammeElement], ["samverkan-events", EventsElement]]) {
  if (!customElements.get(name)) customElements.define(name, element);
}
