// How a select lays out its choices, from its appearance.

export type ChoiceLayout = {
  /** "minimal": collapsed until opened, like a dropdown. */
  minimal: boolean;
  /** A filter box: "search"/"autocomplete", or a long list. */
  filter: boolean;
  /** "likert": one row of points; "columns"/"columns-N"/"columns-pack": a grid. */
  likert: boolean;
  columns: number | 'pack' | undefined;
};

/** Past this many options a list gets a filter field (states, municipalities). */
export const LONG_LIST = 12;

export function choiceLayout(appearance: string | undefined, count: number): ChoiceLayout {
  const words = (appearance ?? '').split(/\s+/);
  const columnsWord = words.find((word) => /^columns(-\d+|-pack)?$/.test(word));
  const n = Number(columnsWord?.slice('columns-'.length));
  return {
    minimal: words.includes('minimal'),
    filter: words.includes('search') || words.includes('autocomplete') || count > LONG_LIST,
    likert: words.includes('likert'),
    columns:
      columnsWord === undefined
        ? undefined
        : columnsWord === 'columns-pack'
          ? 'pack'
          : Number.isInteger(n) && n > 0
            ? Math.min(n, 10)
            : 3,
  };
}
