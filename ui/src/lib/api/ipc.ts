// The single doorway to Tauri's invoke: every command call goes through `call`, so every
// rejection arrives as an AppError.
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { toAppError } from "./errors";

export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toAppError(error);
  }
}
