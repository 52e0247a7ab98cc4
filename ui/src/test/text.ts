// An element's text as a browser shows it: runs of whitespace (the line breaks a formatter puts
// into markup) collapse to one space.
export function shownText(element: Element): string {
  return (element.textContent ?? "").replace(/\s+/g, " ").trim();
}
