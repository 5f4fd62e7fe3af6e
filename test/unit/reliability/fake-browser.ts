/**
 * A browser for the real background module (src/background/index.ts) in Node: storage, the
 * toolbar action, tabs and messaging, with the state a browser keeps across worker restarts
 * (storage, badges, IndexedDB through fake-indexeddb) apart from the worker's own listeners.
 * `startWorker()` imports the module afresh, as a browser starts a stopped worker.
 */
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

export class FakeEvent<F extends Listener> {
  readonly listeners = new Set<F>();
  addListener(f: F): void {
    this.listeners.add(f);
  }
  removeListener(f: F): void {
    this.listeners.delete(f);
  }
  hasListener(f: F): boolean {
    return this.listeners.has(f);
  }
  emit(...args: Parameters<F>): unknown[] {
    return [...this.listeners].map((f) => f(...args));
  }
}

type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;
type ChangeListener = (changes: Changes, area: string) => void;

/** What the browser keeps while workers come and go. */
export interface BrowserState {
  readonly local: Map<string, unknown>;
  readonly session: Map<string, unknown>;
  readonly badges: Map<number | 'default', string>;
  readonly tabs: { id: number; url: string }[];
  readonly opened: string[];
  /** Lets a test make storage writes fail. */
  failWrites: boolean;
}

export function browserState(): BrowserState {
  return { local: new Map(), session: new Map(), badges: new Map(), tabs: [], opened: [], failWrites: false };
}

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

function area(data: Map<string, unknown>, name: string, onChanged: FakeEvent<ChangeListener>, state: BrowserState) {
  const pick = (keys: unknown): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (keys === null || keys === undefined) for (const [k, v] of data) out[k] = clone(v);
    else
      for (const k of Array.isArray(keys) ? keys : [keys])
        if (data.has(String(k))) out[String(k)] = clone(data.get(String(k)));
    return out;
  };
  return {
    async get(keys?: unknown): Promise<Record<string, unknown>> {
      return pick(keys);
    },
    async set(items: Record<string, unknown>): Promise<void> {
      if (state.failWrites) throw new Error('QUOTA_BYTES quota exceeded');
      const changes: Changes = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: clone(data.get(k)), newValue: clone(v) };
        data.set(k, clone(v));
      }
      onChanged.emit(changes, name);
    },
    async remove(keys: string | string[]): Promise<void> {
      const changes: Changes = {};
      for (const k of Array.isArray(keys) ? keys : [keys]) {
        if (!data.has(k)) continue;
        changes[k] = { oldValue: clone(data.get(k)) };
        data.delete(k);
      }
      if (Object.keys(changes).length > 0) onChanged.emit(changes, name);
    },
  };
}

export const EXTENSION_ID = 'context-cards-test';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

export type Sender = {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string; incognito?: boolean };
};
type MessageListener = (message: unknown, sender: Sender) => Promise<unknown> | undefined;

/** One running worker: the module's listeners on a fresh set of events. */
export interface Worker {
  readonly onMessage: FakeEvent<MessageListener>;
  readonly onInstalled: FakeEvent<() => void>;
  readonly onStartup: FakeEvent<() => void>;
  readonly storageChanged: FakeEvent<ChangeListener>;
  /** Delivers a message as the browser does: the first listener that answers. */
  send(message: unknown, sender: Sender): Promise<unknown>;
  /** Lets pending storage and IndexedDB work finish. */
  idle(): Promise<void>;
}

/** Imports the background module afresh against `state`, as a browser starting its worker. */
export async function startWorker(state: BrowserState): Promise<Worker> {
  const storageChanged = new FakeEvent<ChangeListener>();
  const onMessage = new FakeEvent<MessageListener>();
  const onInstalled = new FakeEvent<() => void>();
  const onStartup = new FakeEvent<() => void>();
  const fake = {
    runtime: { id: EXTENSION_ID, getURL: (p: string) => EXTENSION_ORIGIN + p, onMessage, onInstalled, onStartup },
    storage: {
      local: area(state.local, 'local', storageChanged, state),
      session: area(state.session, 'session', storageChanged, state),
      onChanged: storageChanged,
    },
    action: {
      async setBadgeText({ tabId, text }: { tabId?: number; text: string }) {
        state.badges.set(tabId ?? 'default', text);
      },
      async getBadgeText({ tabId }: { tabId?: number }) {
        return state.badges.get(tabId ?? 'default') ?? state.badges.get('default') ?? '';
      },
      async setBadgeBackgroundColor() {},
      async setIcon() {},
    },
    tabs: {
      async query() {
        return state.tabs.map((t) => ({ ...t }));
      },
      async get(id: number) {
        const tab = state.tabs.find((t) => t.id === id);
        if (!tab) throw new Error(`No tab with id: ${id}`);
        return { ...tab };
      },
      async create({ url }: { url: string }) {
        state.opened.push(url);
        return { id: 1000 + state.opened.length, url };
      },
      async sendMessage() {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      onUpdated: new FakeEvent(),
      onRemoved: new FakeEvent(),
      onActivated: new FakeEvent(),
    },
    commands: { onCommand: new FakeEvent() },
  };
  vi.resetModules();
  vi.doMock('../../../src/shared/browser.ts', () => ({ browser: fake }));
  await import('../../../src/background/index.ts');
  const idle = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  };
  return {
    onMessage,
    onInstalled,
    onStartup,
    storageChanged,
    idle,
    async send(message, sender) {
      for (const listener of onMessage.listeners) {
        const answer = listener(message, sender);
        if (answer !== undefined) return answer;
      }
      throw new Error('Could not establish connection. Receiving end does not exist.');
    },
  };
}

/** A content script in a tab's top frame. */
export function contentSender(tabId: number, url: string): Sender {
  return { id: EXTENSION_ID, url, frameId: 0, tab: { id: tabId, url, incognito: false } };
}

/** The popup (an extension page). */
export const POPUP: Sender = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}popup/index.html` };
