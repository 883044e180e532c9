// A catalogue sentence around names others typed (an event, a venue, a kiosk), each name in a
// <bdi> as the kiosk's Filled puts it, so a U+202E (right-to-left override) in a name cannot turn
// the console's words after it around. The text is the same as message(...names).
import type { ReactElement } from 'react';
import { Filled } from '../../renderer/src/i18n/Filled';

/** The catalogue's function is called with places `{0}`, `{1}`…, where Filled puts the names. */
export function said<Names extends string[]>(
  message: (...names: Names) => string,
  ...names: Names
): ReactElement {
  const places = names.map((_, i) => `{${i}}`) as Names;
  return <Filled message={message(...places)} vars={Object.fromEntries(names.map((name, i) => [i, name]))} />;
}
