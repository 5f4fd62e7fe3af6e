/** The real connector: browser APIs behind the OptionsConnector facade. */
import { browser } from '../shared/browser.ts';
import { sendToBackground } from '../shared/rpc.ts';
import type { MessageKey, OptionsConnector } from './connector.ts';

export function createBrowserConnector(): OptionsConnector {
  return {
    msg(key: MessageKey, substitutions?: readonly string[]): string {
      return browser.i18n.getMessage(key, substitutions ? [...substitutions] : undefined) || key;
    },
    uiLanguage: browser.i18n.getUILanguage(),
    async list() {
      return (await sendToBackground('packs/list', {})).packs;
    },
    importPack: (request) => sendToBackground('packs/import', request),
    async setEnabled(id, enabled) {
      return (await sendToBackground('packs/enable', { id, enabled })).ok;
    },
    async remove(id) {
      return (await sendToBackground('packs/remove', { id })).ok;
    },
    async packText(id) {
      return (await sendToBackground('packs/get', { id })).text;
    },
    async openSource(story) {
      await sendToBackground('source/open', { claimId: null, ...(story === null ? {} : { story }) });
    },
    download(filename, text) {
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  };
}
