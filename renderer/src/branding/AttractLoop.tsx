// The event's attract images, cross-fading while the kiosk waits. Decorative: hidden from
// assistive tech and from touches (a tap goes to what is under it, as without the loop); it never
// covers the start buttons: it sits beside them (landscape) or below them (portrait), after them in
// reading order. With reduced motion asked for,
// the first image stays still.
import { useEffect, useState } from 'react';

/** How long each image shows; the cross-fade itself is in branding.css. */
export const ATTRACT_SLIDE_MS = 6_000;

export function AttractLoop({ images }: { images: readonly string[] }) {
  const [step, setStep] = useState(0);
  useEffect(() => {
    if (images.length < 2 || window.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    const timer = window.setInterval(() => setStep((i) => i + 1), ATTRACT_SLIDE_MS);
    return () => window.clearInterval(timer);
  }, [images]);
  if (images.length === 0) return null;
  const shown = step % images.length;
  return (
    <div className="attract-loop" aria-hidden="true" data-shown={shown}>
      {images.map((src, i) => (
        <img key={src} src={src} alt="" className={i === shown ? 'shown' : undefined} draggable={false} />
      ))}
    </div>
  );
}
