// Never a blank screen: a rendering error shows a way back to the start.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { translator } from '../i18n/i18n';
import { selectLanguage } from '../store/selectors';
import { kioskStore } from '../store/use-kiosk';

type State = { failed: boolean };

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('kiosk screen failed', error, info.componentStack);
  }

  private restart = (): void => {
    const store = kioskStore.getState();
    void store.resetKiosk();
    void store.loadBootstrap();
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { t } = translator(selectLanguage(kioskStore.getState()));
    return (
      <main className="screen centered-screen">
        <h1>{t('crash.title')}</h1>
        <p className="lead">{t('crash.body')}</p>
        <button type="button" className="button primary" onClick={this.restart}>
          {t('crash.restart')}
        </button>
      </main>
    );
  }
}
