//! What a screen reader says: a card's name, and the sentences announced when a card moves on the
//! board or a bar on the roadmap (refusals are alerts where they are shown). Pure, so the words are tested apart from the components that use them.
import type { InitiativeCard, InitiativeStatus, Span } from "./bindings";
import { STATUS_LABEL } from "./labels";

/** "Patient portal adoption campaign, Proposed, blocked, no IT owner yet": what a sighted person
 *  takes in from the card at a glance, in the order they would notice it. */
export function cardName(card: InitiativeCard, fresh = false): string {
  return `${card.title}, ${cardState(card, fresh)}`;
}

/** The part of a card's name after its title: its column and what is wrong with it. */
export function cardState(card: InitiativeCard, fresh = false): string {
  return [
    STATUS_LABEL[card.status],
    card.blocked && "blocked",
    card.overdue && "late",
    !card.marketing_owner && "no marketing owner yet",
    !card.it_owner && "no IT owner yet",
    card.results_due && "results due",
    fresh && "changed since you last looked",
  ]
    .filter(Boolean)
    .join(", ");
}

export function movedSentence(title: string, status: InitiativeStatus): string {
  return `${title} moved to ${STATUS_LABEL[status]}.`;
}

export function rescheduledSentence(title: string, span: Span): string {
  return span.start === span.finish ? `${title} now falls on ${span.start}.` : `${title} now runs ${span.start} to ${span.finish}.`;
}
