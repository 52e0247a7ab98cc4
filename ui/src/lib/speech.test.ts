import { describe, expect, test } from "vitest";
import { cardName, movedSentence, rescheduledSentence } from "./speech";
import { fixture } from "../test/backend";

const base = fixture().board.initiatives[0];
const person = base.marketing_owner ?? { id: "p1", name: "Priya Raman", department_id: "d1" };

describe("what a screen reader says", () => {
  test("a card says its title, its column, and what is wrong with it", () => {
    const card = {
      ...base,
      title: "Patient portal adoption campaign",
      status: "proposed",
      marketing_owner: person,
      it_owner: null,
      blocked: true,
    } as const;
    expect(cardName({ ...card, overdue: false, results_due: false })).toBe(
      "Patient portal adoption campaign, Proposed, blocked, no IT owner yet",
    );
  });

  test("a healthy card is only its title and column; news from another desktop is said last", () => {
    const card = { ...base, title: "Reminder texts", status: "in_progress", marketing_owner: person, it_owner: person } as const;
    const healthy = { ...card, blocked: false, overdue: false, results_due: false };
    expect(cardName(healthy)).toBe("Reminder texts, In progress");
    expect(cardName({ ...healthy, overdue: true, results_due: true }, true)).toBe(
      "Reminder texts, In progress, late, results due, changed since you last looked",
    );
    expect(cardName({ ...healthy, marketing_owner: null, it_owner: null })).toBe(
      "Reminder texts, In progress, no marketing owner yet, no IT owner yet",
    );
  });

  test("moves and reschedules are said in words", () => {
    expect(movedSentence("Reminder texts", "live")).toBe("Reminder texts moved to Live.");
    expect(rescheduledSentence("Go-live", { start: "2027-03-01", finish: "2027-03-01" })).toBe("Go-live now falls on 2027-03-01.");
    expect(rescheduledSentence("Build", { start: "2027-03-01", finish: "2027-04-05" })).toBe("Build now runs 2027-03-01 to 2027-04-05.");
  });
});
