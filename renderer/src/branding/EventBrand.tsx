// The event's logo and name at the top of the attract screen, and its colours on the document
// while it shows (null branding: the kiosk's own look, every brand property removed).
import { useEffect } from 'react';
import type { KioskBranding } from '../../../shared/ipc/contract';
import { applyBrandColours } from './brand-style';
import './branding.css';

export function EventBrand({ branding }: { branding: KioskBranding | null }) {
  const colours = branding?.colours ?? null;
  useEffect(() => applyBrandColours(document.documentElement, colours), [colours]);
  if (branding === null) return null;
  return (
    <>
      {branding.logo !== null && (
        <img className="attract-logo" src={branding.logo} alt={branding.eventName} />
      )}
      {/* The logo's alt text already names the event for screen readers. */}
      <p className="attract-event" aria-hidden={branding.logo !== null ? true : undefined}>
        {branding.eventName}
      </p>
    </>
  );
}
