import { expect, test } from "vitest";
import { render, screen } from "@testing-library/svelte";
import Column from "./Column.svelte";
import { cardLike, fixture } from "../../test/backend";

test("a column of 500 cards keeps only a few dozen card elements in the DOM", () => {
  const { board } = fixture();
  const cards = Array.from({ length: 500 }, (_, i) => cardLike(board.initiatives[0], `card-${i}`, `Initiative ${i}`));
  render(Column, {
    status: "planned",
    label: "Planned",
    cards,
    departments: board.departments,
    selectedId: null,
    focusTick: 0,
    message: null,
    dropTarget: false,
    onselect: () => {},
    onopen: () => {},
    oncardpointerdown: () => {},
    ondismiss: () => {},
  });
  const rendered = screen.getAllByTestId("card");
  expect(rendered.length, "virtualized: only the visible window is rendered").toBeLessThanOrEqual(30);
  expect(rendered.length).toBeGreaterThan(0);
  expect(rendered[0].dataset.id).toBe("card-0");
  const spacer = screen.getByTestId("column-planned").querySelector<HTMLElement>(".spacer")!;
  expect(parseInt(spacer.style.height, 10), "the spacer is as tall as all 500 cards").toBeGreaterThan(500 * 100);
});
