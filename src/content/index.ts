/**
 * Content script entry (document_idle, every frame). Guards first, then boots; never throws
 * into the page and never changes its DOM (the only element ever added is the card host, while
 * a card is open).
 */
import { boot } from './boot.ts';
import { claimPage, coveredByParent, supportsHighlights } from './guard.ts';

try {
  const signal = supportsHighlights() && !coveredByParent() ? claimPage() : null;
  if (signal !== null) boot(signal).catch((error: unknown) => console.debug('[Context Cards] not started', error));
} catch (error) {
  console.debug('[Context Cards] not started', error);
}
