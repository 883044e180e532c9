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

keepSessionAcrossReload(kioskStore, window.sessionStorage);
void kioskStore.getState().loadBootstrap();
refreshOnAttract(kioskStore);
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
