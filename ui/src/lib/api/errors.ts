// The one error shape the UI handles. The Rust side rejects every command with an ErrorPayload
// `{ code, message }`; anything else (a thrown JS error, a plain string) is folded into the same
// shape so components can always branch on `code` and show `message` to a person.
import type { ErrorPayload } from "../bindings";

export type ErrorCode = "validation" | "date_order" | "not_found" | "conflict" | "cycle" | "storage" | "internal";

export class AppError extends Error {
  readonly code: ErrorCode | string;

  constructor(code: ErrorCode | string, message: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
  }
}

function isPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ErrorPayload).code === "string" &&
    typeof (value as ErrorPayload).message === "string"
  );
}

/** Turns whatever a rejected invoke produced into an AppError. */
export function toAppError(value: unknown): AppError {
  if (value instanceof AppError) return value;
  if (isPayload(value)) return new AppError(value.code, value.message);
  if (value instanceof Error) return new AppError("internal", value.message);
  return new AppError("internal", String(value));
}

/** The message to show a person for any caught value. */
export function messageOf(value: unknown): string {
  return toAppError(value).message;
}
