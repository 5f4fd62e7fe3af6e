/**
 * Checks made before anything else, so the script costs nothing where it cannot or should not
 * run: no CSS Custom Highlight API, a frame the parent page's script already covers, or a second
 * copy of this script in the same page.
 */
import { browser } from '../shared/browser.ts';

/** Sent by a newly started copy so that an older one (from before an update) stands down. */
export const TAKEOVER_EVENT = 'context-cards:takeover';

const LOADED = Symbol.for('context-cards/content-script');

/** False once the extension was disabled, removed or updated under this copy of the script. */
export function extensionAlive(): boolean {
  try {
    return typeof browser.runtime.id === 'string';
  } catch {
    return false;
  }
}

export function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * about:blank and about:srcdoc frames get no content script from the manifest; the parent's
 * script marks them. Should one run there anyway, it stands down so nothing is marked twice.
 */
export function coveredByParent(): boolean {
  return window !== window.top && location.protocol === 'about:';
}

/**
 * Claims the page for this copy of the script. Returns null when this world already runs it;
 * otherwise tells older copies in other worlds (left over after an extension update) to tear
 * down, and returns a signal that aborts when a newer copy takes over (once this copy's
 * extension is gone) or the page unloads.
 */
export function claimPage(alive: () => boolean = extensionAlive): AbortSignal | null {
  const scope = globalThis as Record<symbol, unknown>;
  if (scope[LOADED] === true) return null;
  scope[LOADED] = true;
  const controller = new AbortController();
  document.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
  // Any page script can send this event too: only a copy whose extension is gone stands down.
  document.addEventListener(
    TAKEOVER_EVENT,
    () => {
      if (!alive()) controller.abort();
    },
    { signal: controller.signal },
  );
  window.addEventListener(
    'pagehide',
    (event) => {
      // A page kept in the back/forward cache comes back as it was, marks included.
      if (!event.persisted) controller.abort();
    },
    { signal: controller.signal },
  );
  controller.signal.addEventListener('abort', () => {
    scope[LOADED] = false;
  });
  return controller.signal;
}
