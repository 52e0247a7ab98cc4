// The one error shape the UI handles. The Rust side rejects every command with an ErrorPayload
// `{ code, message, problems }`; anything else (a thrown JS error, a plain string) is folded into the same
// shape so components can always branch on `code` and show `message` to a person.
import type { ErrorCode as CoreErrorCode, ErrorPayload } from "../bindings";

/**
 * The core's codes (generated from its ErrorCode); "cancelled" when the person stopped a save in
 * the UI itself, and "internal" for anything else that was thrown.
 */
export type ErrorCode = CoreErrorCode | "cancelled" | "internal";

export class AppError extends Error {
  readonly code: ErrorCode;
  /** For a refusal that lists problems (bad rows of an import), one entry each; `message` introduces them. */
  readonly problems: string[];

  constructor(code: ErrorCode, message: string, problems: string[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.problems = problems;
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
  if (isPayload(value)) return new AppError(value.code, value.message, Array.isArray(value.problems) ? value.problems : []);
  if (value instanceof Error) return new AppError("internal", value.message);
  return new AppError("internal", String(value));
}

/** The message to show a person for any caught value. */
export function messageOf(value: unknown): string {
  return toAppError(value).message;
}
