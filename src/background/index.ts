/** Background: badge, commands, history. Keeps nothing in memory that is not also in storage. */
import { browser } from '../shared/browser.ts';
import { loadSettings } from '../shared/settings-store.ts';

// Repair or migrate stored settings once per start, so content scripts only ever read.
void loadSettings(browser.storage.local, true);
