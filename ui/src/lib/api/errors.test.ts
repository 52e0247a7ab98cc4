import { describe, expect, test } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import { AppError, toAppError } from "./errors";
import { apply } from "./board";

describe("errors from the Rust side", () => {
  test("an ErrorPayload keeps its code and message", () => {
    const err = toAppError({ code: "cycle", message: "Go-live → QA → Go-live" });
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("cycle");
    expect(err.message).toBe("Go-live → QA → Go-live");
  });

  test("a refusal that lists problems keeps the list apart from the sentence above it", () => {
    const err = toAppError({ code: "validation", message: "Nothing was imported. Fix these:", problems: ["line 3: not a date"] });
    expect(err.message).toBe("Nothing was imported. Fix these:");
    expect(err.problems).toEqual(["line 3: not a date"]);
    expect(toAppError({ code: "storage", message: "Busy." }).problems, "a payload without a list has none").toEqual([]);
  });

  test("anything else becomes an internal error with a readable message", () => {
    expect(toAppError(new Error("boom")).code).toBe("internal");
    expect(toAppError("plain").message).toBe("plain");
  });

  test("a rejected command arrives as an AppError", async () => {
    mockIPC(() => {
      throw { code: "conflict", message: "Ask for an IT owner first." };
    });
    await expect(apply({ op: "restore", id: "x" }, false)).rejects.toMatchObject({
      code: "conflict",
      message: "Ask for an IT owner first.",
    });
  });

  test("apply sends the op and whether patient-like text is allowed under the core's argument names", async () => {
    let seen: unknown;
    const saved = { outcome: "saved", id: "id-1" };
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return saved;
    });
    await expect(apply({ op: "restore", id: "abc" }, false)).resolves.toEqual(saved);
    expect(seen).toEqual({ cmd: "apply", args: { op: { op: "restore", id: "abc" }, allowPhi: false } });
  });
});
