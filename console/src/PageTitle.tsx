// A set-up page's heading and its announcement line. After a change the page says what happened
// (role=status) and puts focus on the heading: the control that made the change may be gone
// (a revoked kiosk has no revoke button), and the heading is where a screen reader resumes.
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

export function useAnnouncement() {
  const heading = useRef<HTMLHeadingElement>(null);
  // An object, so the same words twice still move focus.
  const [said, setSaid] = useState<{ text: ReactNode }>();
  useEffect(() => {
    if (said !== undefined) heading.current?.focus();
  }, [said]);
  return {
    heading,
    headingOf: useCallback(() => heading.current, []),
    notice: said?.text,
    announce: useCallback((text: ReactNode) => setSaid({ text }), []),
  };
}

export function PageTitle(props: {
  id: string;
  title: string;
  heading: RefObject<HTMLHeadingElement | null>;
  notice: ReactNode;
}) {
  return (
    <>
      <h2 id={props.id} ref={props.heading} tabIndex={-1}>
        {props.title}
      </h2>
      <p className="status" role="status">
        {props.notice}
      </p>
    </>
  );
}
