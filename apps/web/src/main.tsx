import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { i18nReady } from './i18n';
import { registerServiceWorker } from './pwa/register';
import './ui/styles.css';

// The router starts loading the page's chunk as App is imported; the first render waits for the shell's words
// (loaded in parallel), so no page paints with raw keys. Should the messages fail to load, render anyway.
void i18nReady
  .catch(() => undefined)
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );

registerServiceWorker();
