// Which board file is open on this desktop and the desktop's own settings (who I am, recent
// boards, saved filters). Switching boards goes through here.
import type { Appearance, Session } from "../bindings";
import * as api from "../api/session";
import { importBoard } from "../api/import";
import { joinBoard } from "../api/sharing";
import { AppError, toAppError } from "../api/errors";

export class SessionStore {
  current = $state<Session | null>(null);
  error = $state<AppError | null>(null);

  async load(): Promise<Session | null> {
    return this.#run(() => api.session());
  }

  async setMe(personId: string | null): Promise<Session | null> {
    return this.#run(() => api.setMe(personId));
  }

  /** Changes the theme or the page zoom; a refusal shows as the session's error. */
  async setAppearance(change: Partial<Appearance>): Promise<Session | null> {
    const current = this.current?.settings.appearance ?? { theme: "system", zoom_percent: 100 };
    return this.#run(() => api.saveAppearance({ ...current, ...change }));
  }

  /** Opens (or creates) a board file; rejects with the AppError so the caller can show it. */
  async open(path: string, create: boolean): Promise<Session> {
    const session = await api.openBoard(path, create);
    this.current = session;
    this.error = null;
    return session;
  }

  async openSample(): Promise<Session> {
    const session = await api.openSampleBoard();
    this.current = session;
    this.error = null;
    return session;
  }

  /** Imports a board export into a new board file and opens it; rejects with the AppError. */
  async importBoard(source: string, target: string): Promise<Session> {
    const session = await importBoard(source, target);
    this.current = session;
    this.error = null;
    return session;
  }

  /** Joins a shared board into a new board file and opens it; rejects with the AppError. */
  async joinBoard(boardFolder: string, target: string): Promise<Session> {
    const session = await joinBoard(boardFolder, target);
    this.current = session;
    this.error = null;
    return session;
  }

  chooseFile(create: boolean): Promise<string | null> {
    return api.chooseBoardFile(create);
  }

  async #run(fn: () => Promise<Session>): Promise<Session | null> {
    try {
      this.current = await fn();
      this.error = null;
      return this.current;
    } catch (e) {
      this.error = toAppError(e);
      return null;
    }
  }
}
