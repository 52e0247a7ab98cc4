import { expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import PeopleView from "./PeopleView.svelte";
import { AppStore } from "../stores/app.svelte";
import { installBackend, refuse, saved } from "../../test/backend";

test("deleting a person who owns work offers Reassign to… and retries with reassign_to", async () => {
  let attempts = 0;
  const backend = installBackend({
    overrides: {
      apply: (args) => {
        const op = args.op as { op: string; reassign_to?: string | null };
        attempts += 1;
        if (op.op === "delete" && !op.reassign_to) return refuse("conflict", "Dana still owns 2 initiatives. Reassign them first.");
        return saved("ok");
      },
    },
  });
  const app = new AppStore();
  await app.start();
  render(PeopleView, { app, onclose: () => {} });
  const person = backend.data.board.people[0];
  const row = screen.getAllByTestId("person-row").find((r) => r.dataset.id === person.id)!;
  await fireEvent.click(within(row).getByTestId("person-delete"));
  await fireEvent.click(within(row).getByTestId("person-delete-yes"));
  expect((await within(row).findByTestId("error")).textContent).toContain("Reassign them first");
  const other = backend.data.board.people[1];
  await fireEvent.change(within(row).getByTestId("person-reassign"), { target: { value: other.id } });
  await fireEvent.click(within(row).getByText("Reassign and delete"));
  await waitFor(() => expect(attempts).toBe(2));
  expect(backend.callsOf("apply")[1].args.op).toEqual({ op: "delete", id: person.id, reassign_to: other.id });
});

test("adding a person sends create_person with the chosen department", async () => {
  const backend = installBackend();
  const app = new AppStore();
  await app.start();
  render(PeopleView, { app, onclose: () => {} });
  await fireEvent.input(screen.getByTestId("person-name"), { target: { value: "Ana Ruiz" } });
  const it = backend.data.board.departments[1];
  await fireEvent.change(screen.getByTestId("person-department"), { target: { value: it.id } });
  await fireEvent.click(screen.getByTestId("person-add"));
  await waitFor(() =>
    expect(backend.callsOf("apply")[0]?.args.op).toMatchObject({ op: "create_person", name: "Ana Ruiz", department_id: it.id }),
  );
});
