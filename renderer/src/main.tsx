import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { refreshOnAttract } from './store/bootstrap-refresh';
import { keepSessionAcrossReload } from './store/session-restore';
import { kioskStore } from './store/use-kiosk';
import './styles/kiosk.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// The console's form preview is this renderer built in "preview" mode (build/bundle.js); a
// kiosk's build leaves that branch and its module out.
if (import.meta.env.MODE === 'preview') {
  const { startPreview } = await import('./api/preview-start');
  startPreview(kioskStore, window.location);
} else {
  keepSessionAcrossReload(kioskStore, window.sessionStorage);
  void kioskStore.getState().loadBootstrap();
  refreshOnAttract(kioskStore);
}
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
