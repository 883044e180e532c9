// Reads a question aloud with the device's own (offline) voices; not shown where the device has
// no local voice for the language, so no one taps a button that stays silent.
import { useSyncExternalStore } from 'react';
import { useT } from '../i18n/use-t';

type Props = { text: string; lang: string };

function subscribe(changed: () => void): () => void {
  if (!('speechSynthesis' in window)) return () => undefined;
  window.speechSynthesis.addEventListener('voiceschanged', changed);
  return () => window.speechSynthesis.removeEventListener('voiceschanged', changed);
}

/** The first local voice for the language ("es" matches es-MX, es-ES …), or null. */
function localVoice(lang: string): SpeechSynthesisVoice | null {
  if (!('speechSynthesis' in window)) return null;
  const base = lang.toLowerCase().split('-')[0] ?? '';
  const voices = window.speechSynthesis.getVoices().filter((voice) => voice.localService);
  return (
    voices.find((voice) => voice.lang.toLowerCase() === lang.toLowerCase()) ??
    voices.find((voice) => voice.lang.toLowerCase().split('-')[0] === base) ??
    null
  );
}

export function ReadAloudButton({ text, lang }: Props) {
  const { t } = useT();
  const voice = useSyncExternalStore(subscribe, () => localVoice(lang));
  if (voice === null || text === '') return null;
  const speak = () => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  };
  return (
    <button type="button" className="button secondary small read-aloud" onClick={speak}>
      <span aria-hidden="true">🔊 </span>
      {t('a11y.readAloud')}
    </button>
  );
}
