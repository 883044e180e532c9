// A message with its values filled in, as t(key, vars) fills them, but each value in a <bdi>: a
// name staff or a visitor typed keeps its direction to itself, so a U+202E (right-to-left
// override) in a gate's name cannot turn the kiosk's words after it around. The text is the same.
import { Fragment } from 'react';
import { PLACE, type Vars } from './i18n';

/** `message` is the catalogue's text with its `{name}` places still in, i.e. t(key) without vars. */
export function Filled({ message, vars }: { message: string; vars: Vars }) {
  // split() with a capture group: the names of the places at odd indices, the words around them even.
  return message
    .split(PLACE)
    .map((part, i) => (
      <Fragment key={i}>
        {i % 2 === 0 ? part : Object.hasOwn(vars, part) ? <bdi>{String(vars[part])}</bdi> : `{${part}}`}
      </Fragment>
    ));
}
