import { describe, expect, test } from "vitest";
import type { BoardUpdate, BoardView } from "./bindings";
import { applyUpdate } from "./boardUpdate";
import { fixture } from "../test/backend";

const { board } = fixture();

function whole(view: BoardView, revision = 1): BoardUpdate {
  const { initiatives, ...rest } = view;
  return { ...rest, revision, base: null, cards: initiatives, order: null };
}

function changes(view: BoardView, cards: BoardView["initiatives"], order: string[] | null = null): BoardUpdate {
  return { ...whole(view, 2), base: 1, cards, order };
}

describe("board updates", () => {
  test("a whole board replaces what the window held", () => {
    const { view, changed } = applyUpdate(null, whole(board));
    expect(view).toEqual(board);
    expect(changed, "a first board has nothing to compare with").toEqual([]);
  });

  test("changed cards take their place; the others stay the very same objects", () => {
    const held = applyUpdate(null, whole(board)).view;
    const moved = { ...held.initiatives[1], status: "in_progress" as const };
    const { view, changed } = applyUpdate(held, changes(board, [moved]));
    expect(
      view.initiatives.map((c) => c.id),
      "the order stays",
    ).toEqual(held.initiatives.map((c) => c.id));
    expect(view.initiatives[1]).toEqual(moved);
    expect(view.initiatives[0], "an unchanged card is not redrawn: same object").toBe(held.initiatives[0]);
    expect(changed).toEqual([moved.id]);
  });

  test("the lists every update carries keep their objects while they are the same", () => {
    const held = applyUpdate(null, whole(board)).view;
    const renamed = structuredClone(board);
    renamed.people[0].name = "Dana Whitfield-Okafor";
    const { view } = applyUpdate(held, changes(renamed, []));
    expect(view.departments, "unchanged departments: no card's chips are redrawn").toBe(held.departments);
    expect(view.gate_types).toBe(held.gate_types);
    expect(view.people, "a renamed person is a new list").not.toBe(held.people);
    expect(view.people[0].name).toBe("Dana Whitfield-Okafor");
  });

  test("a new order adds and drops cards", () => {
    const held = applyUpdate(null, whole(board)).view;
    const added = { ...held.initiatives[0], id: "00000000-0000-7000-8000-00000000abcd", title: "Flu shot reminders" };
    const order = [added.id, ...held.initiatives.slice(1).map((c) => c.id)];
    const { view } = applyUpdate(held, changes(board, [added], order));
    expect(view.initiatives.map((c) => c.title)).toEqual([added.title, ...held.initiatives.slice(1).map((c) => c.title)]);
  });

  test("a whole board sent again marks only the cards that differ", () => {
    const held = applyUpdate(null, whole(board)).view;
    const retitled = structuredClone(board);
    retitled.initiatives[2].title = "Renamed elsewhere";
    const { changed } = applyUpdate(held, whole(retitled, 5));
    expect(changed).toEqual([board.initiatives[2].id]);
  });

  test("an update naming a card it neither sent nor the window held is refused, not half-applied", () => {
    const held = applyUpdate(null, whole(board)).view;
    expect(() => applyUpdate(held, changes(board, [], ["00000000-0000-7000-8000-00000000dead"]))).toThrow(/did not send/);
  });
});
