import { render } from 'preact';
import { App } from './app.tsx';
import { createBrowserConnector } from './browser-connector.ts';

const connector = createBrowserConnector();
document.documentElement.lang = connector.uiLanguage;
document.title = connector.msg('optionsTitle');
const root = document.getElementById('app');
if (root) render(<App connector={connector} />, root);
