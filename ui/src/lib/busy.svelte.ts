// One action at a time, with its refusal kept for the component to show: what a dialog or
// a Settings section needs for its buttons.
import { messageOf } from "./api/errors";

export class Busy {
  busy = $state(false);
  error = $state<string | null>(null);

  async run(action: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await action();
    } catch (e) {
      this.error = messageOf(e);
    } finally {
      this.busy = false;
    }
  }
}
