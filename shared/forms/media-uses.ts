// Where a form names images (image / media::image columns of questions and choices): what an
// upload must bring beside the form, and what the console lists when some were not given.
import { z } from 'zod';
import type { FormDefinition, FormNode, Localized } from './form-definition';

/** Where a form names an image: a question's label, or a choice of a list. */
export const MediaUseSchema = z.object({
  image: z.string(),
  at: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('question'), name: z.string() }),
    z.object({ kind: z.literal('choice'), list: z.string(), name: z.string() }),
  ]),
});
export type MediaUse = z.infer<typeof MediaUseSchema>;

/** Every image the form names, in its labels and its choices, in every language, once per place. */
export function mediaUses(definition: FormDefinition): MediaUse[] {
  const uses: MediaUse[] = [];
  const add = (images: Localized | undefined, at: MediaUse['at']) => {
    for (const image of new Set(Object.values(images ?? {}))) uses.push({ image, at });
  };
  const walk = (nodes: readonly FormNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'question') add(node.image, { kind: 'question', name: node.name });
      else walk(node.children);
    }
  };
  walk(definition.children);
  for (const [list, choices] of Object.entries(definition.choices))
    choices.forEach((choice) => add(choice.image, { kind: 'choice', list, name: choice.name }));
  return uses;
}

/** Every image file the form names, each once, sorted. */
export const mediaFileNames = (definition: FormDefinition): string[] =>
  [...new Set(mediaUses(definition).map((use) => use.image))].sort();
