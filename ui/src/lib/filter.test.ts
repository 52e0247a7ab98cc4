import { describe, expect, test } from "vitest";
import { allTags, columns, matches, NO_FILTERS } from "./filter";
import { IT_ID } from "./labels";
import { fixture } from "../test/backend";

const { board } = fixture();
const cards = board.initiatives;

describe("board filters", () => {
  test("cancelled initiatives stay hidden until asked for", () => {
    const hidden = columns(cards, NO_FILTERS);
    expect(hidden.cancelled, "Cancelled is behind the 'Show cancelled' toggle").toEqual([]);
    const shown = columns(cards, { ...NO_FILTERS, show_cancelled: true });
    expect(shown.cancelled.map((c) => c.id)).toEqual(cards.filter((c) => c.status === "cancelled").map((c) => c.id));
  });

  test("every card lands in the column of its status", () => {
    const cols = columns(cards, { ...NO_FILTERS, show_cancelled: true });
    const total = Object.values(cols).reduce((n, list) => n + list.length, 0);
    expect(total, "no card is lost or duplicated").toBe(cards.length);
    for (const [status, list] of Object.entries(cols)) {
      for (const c of list) expect(c.status).toBe(status);
    }
  });

  test("free text matches the core's lower-case search_text, whatever the case typed", () => {
    const target = cards[0];
    const word = target.title.split(" ")[0].toUpperCase();
    expect(matches(target, { ...NO_FILTERS, text: word })).toBe(true);
    expect(matches(target, { ...NO_FILTERS, text: "zzz-no-such-text" })).toBe(false);
  });

  test("owner filter keeps cards the person owns or sponsors", () => {
    const owner = cards.find((c) => c.it_owner)!.it_owner!;
    const kept = cards.filter((c) => matches(c, { ...NO_FILTERS, owner_id: owner.id }));
    expect(kept.length).toBeGreaterThan(0);
    for (const c of kept) {
      expect([c.marketing_owner?.id, c.it_owner?.id, c.sponsor?.id], "only cards this person owns").toContain(owner.id);
    }
  });

  test("department filter keeps cards with an owner or tasks in that department", () => {
    const kept = cards.filter((c) => matches(c, { ...NO_FILTERS, department_id: IT_ID }));
    for (const c of kept) {
      const involved =
        c.it_owner?.department_id === IT_ID ||
        c.progress.some((p) => p.department_id === IT_ID && p.total > 0) ||
        c.marketing_owner?.department_id === IT_ID ||
        c.sponsor?.department_id === IT_ID;
      expect(involved, `${c.title} involves IT`).toBe(true);
    }
  });

  test("tag filter and the tag list come from the cards", () => {
    const tags = allTags(cards);
    expect(tags.length).toBeGreaterThan(0);
    const kept = cards.filter((c) => matches(c, { ...NO_FILTERS, tag: tags[0] }));
    expect(kept.every((c) => c.tags.includes(tags[0]))).toBe(true);
  });
});
