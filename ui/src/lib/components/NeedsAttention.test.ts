import { expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import type { Attention } from "../bindings";
import NeedsAttention from "./NeedsAttention.svelte";
import { AppStore } from "../stores/app.svelte";
import { fixture, installBackend } from "../../test/backend";
import { shownText } from "../../test/text";

test("needs attention: each entry says what is wrong, and Restore or Keep deleted act on it", async () => {
  const data = fixture();
  const id = data.board.initiatives[0].id;
  let items: Attention[] = [
    {
      kind: "broken_rule",
      item_kind: "initiative",
      item_id: id,
      initiative_id: id,
      title: "Portal",
      message: "“Portal” cannot leave Proposed without an IT owner. Choose one in its details first.",
      restore_id: null,
      can_keep_deleted: false,
    },
    {
      kind: "deleted_while_edited",
      item_kind: "task",
      item_id: "task-1",
      initiative_id: id,
      title: "Single sign-on",
      message: "“Single sign-on” was deleted on one desktop while it was being changed on another. Restore it, or keep it deleted.",
      restore_id: "task-1",
      can_keep_deleted: true,
    },
  ];
  const backend = installBackend({
    data,
    overrides: {
      needs_attention: () => items,
      keep_deleted: () => {
        items = items.filter((a) => a.kind !== "deleted_while_edited");
        return null;
      },
    },
  });
  const app = new AppStore({ listsDelayMs: 0 });
  await app.start();
  render(NeedsAttention, { app });
  const strip = screen.getByTestId("needs-attention");
  expect(shownText(strip)).toContain("2 items need attention");
  await fireEvent.click(screen.getByTestId("needs-attention-toggle"));
  const [rule, deleted] = screen.getAllByTestId("attention-item");
  expect(rule.textContent).toContain("cannot leave Proposed without an IT owner");
  expect(within(rule).queryByTestId("attention-keep-deleted")).toBeNull();
  await fireEvent.click(within(deleted).getByTestId("attention-keep-deleted"));
  await waitFor(() => expect(backend.callsOf("keep_deleted")[0]?.args).toEqual({ id: "task-1" }));
  await waitFor(() => expect(screen.getAllByTestId("attention-item")).toHaveLength(1));
});
