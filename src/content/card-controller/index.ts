/**
 * The cards' entry for the page engine: `startCards` wires hover, focus and keyboard to the card.
 */
import type { Settings } from '../../shared/settings.ts';
import type { CardLibrary, MentionSource } from '../types.ts';
import { browserCardActions } from './browser-actions.ts';
import { createCardController, type CardController } from './controller.ts';
import { installTestHook } from './test-hook.ts';

export type { CardController } from './controller.ts';

export interface StartCardsOptions {
  readonly source: MentionSource;
  /** Every story that is on, merged by entity: asked of the background when the first card opens. */
  readonly library: CardLibrary;
  readonly settings: Settings;
  readonly signal: AbortSignal;
}

export function startCards(options: StartCardsOptions): CardController {
  const controller = createCardController({ ...options, actions: browserCardActions });
  // Compiled out of the shipped build: the define makes this `if (false)`.
  if (import.meta.env.CC_TEST_BUILD) installTestHook(controller, options.signal);
  return { update: controller.update, step: controller.step, close: controller.close };
}
