// The top of a staff screen: its title, focused on arrival so a screen reader announces the screen
// and keyboard users start there, and the screen's buttons beside it.
import type { ReactNode } from 'react';
import { useFocusOnMount } from '../app/use-focus-on-mount';

export function StaffHeader({ title, children }: { title: string; children: ReactNode }) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <header className="staff-header">
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </header>
  );
}
