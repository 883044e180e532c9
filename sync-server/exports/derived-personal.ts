// Questions whose value is computed from personal data are personal data too: a calculation
// `concat(${nombre}, ' ', ${apellido})`, a hidden copy of ${correo}, a default or trigger from a
// pii question, a choice from earlier answers listing a pii question. Found with the engine's own
// reading of each version (valueSources), through any chain of such questions, across versions:
// a question derived from personal data in one version is personal in all, as a pii mark is.
import type { CompiledForm } from '../../shared/forms/compile-form';
import { valueSources } from '../../shared/forms/value-sources';

/**
 * Each question derived from a personal one (not itself in `personal`), with the personal
 * question it was first found to read, directly or through other derived questions.
 */
export function derivedPersonal(
  forms: readonly CompiledForm[],
  personal: ReadonlySet<string>,
): Map<string, string> {
  // Who reads whom, in any version: source name → the questions computed from it.
  const readers = new Map<string, Set<string>>();
  for (const form of forms) {
    for (const node of form.byName.values()) {
      if (node.kind !== 'question') continue;
      for (const source of valueSources(node)) {
        const set = readers.get(source) ?? new Set<string>();
        set.add(node.name);
        readers.set(source, set);
      }
    }
  }
  const derived = new Map<string, string>();
  // Breadth first from the marked questions: each derived question names a marked one.
  const queue = [...personal].map((name) => ({ name, origin: name }));
  for (let i = 0; i < queue.length; i++) {
    const { name, origin } = queue[i] as { name: string; origin: string };
    for (const reader of readers.get(name) ?? []) {
      if (personal.has(reader) || derived.has(reader)) continue;
      derived.set(reader, origin);
      queue.push({ name: reader, origin });
    }
  }
  return derived;
}
