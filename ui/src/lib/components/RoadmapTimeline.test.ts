import { expect, test } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import RoadmapTimeline from "./RoadmapTimeline.svelte";
import { fixture, laneLike } from "../../test/backend";

test("a roadmap of 500 lanes keeps only a few dozen lane elements in the DOM", async () => {
  const { roadmap } = fixture();
  const base = roadmap.roadmap.lanes.find((l) => l.span && l.tasks.length > 0)!;
  roadmap.roadmap.lanes = Array.from({ length: 500 }, (_, i) => laneLike(base, `lane-${i}`, `Initiative ${i}`));
  roadmap.roadmap.dependencies = [];
  roadmap.analysis.violations = [];
  render(RoadmapTimeline, {
    view: roadmap,
    zoom: "month",
    groupBy: "none",
    showCritical: false,
    selectedId: null,
    focusTick: 0,
    slip: null,
    ghosts: new Map(),
    message: null,
    onselect: () => {},
    onopen: () => {},
    onreschedule: async () => true,
    ondismiss: () => {},
  });
  const lanes = () => screen.getAllByTestId("lane");
  expect(lanes().length, "virtualized: only the visible window is rendered").toBeLessThanOrEqual(30);
  expect(lanes().length).toBeGreaterThan(0);
  expect(lanes()[0].dataset.id).toBe("lane-0");
  expect(screen.getAllByTestId("bar").length, "bars only for the rendered lanes").toBeLessThanOrEqual(30 * (base.tasks.length + 1));
  const svg = screen.getByTestId("timeline").querySelector<SVGSVGElement>("svg.chart")!;
  expect(Number(svg.getAttribute("height")), "the chart is as tall as all 500 lanes").toBeGreaterThan(500 * 100);

  const scroller = screen.getByTestId("timeline");
  scroller.scrollTop = Number(svg.getAttribute("height")) / 2;
  await fireEvent.scroll(scroller);
  const ids = lanes().map((l) => Number(l.dataset.id!.slice("lane-".length)));
  expect(lanes().length).toBeLessThanOrEqual(30);
  expect(Math.min(...ids), "scrolling halfway renders the lanes halfway down").toBeGreaterThan(200);
  expect(Math.max(...ids)).toBeLessThan(300);
});
