/**
 * Gives the main thread back to the page between slices of work: scheduler.yield() where the
 * browser has it (continuation keeps its place in line), else a MessageChannel message (a
 * setTimeout(0) chain gets clamped to 4 ms per hop after a few nestings).
 */
interface Scheduler {
  yield(): Promise<void>;
}

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

function viaChannel(): Promise<void> {
  return new Promise((resolve) => {
    if (channel === null) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<Scheduler> }).scheduler;
  if (scheduler !== undefined && typeof scheduler.yield === 'function') {
    try {
      return scheduler.yield();
    } catch {
      // Fall through to the channel.
    }
  }
  return viaChannel();
}
