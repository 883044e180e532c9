// The XPath functions a form may call: ODK's set, less what navigates XML, and CHT's date
// differences. Anything else is refused when the form loads.
import { CHT_FUNCTIONS } from './cht-functions';
import { DATE_FUNCTIONS } from './date-functions';
import { DIGEST_FUNCTIONS } from './digest';
import { GEO_FUNCTIONS } from './geo-functions';
import type { FunctionSpec } from './function-spec';
import { NUMBER_FUNCTIONS } from './number-functions';
import { TEXT_FUNCTIONS } from './text-functions';

const VALUE_FUNCTIONS: Record<string, FunctionSpec> = {
  ...TEXT_FUNCTIONS,
  ...NUMBER_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...GEO_FUNCTIONS,
  ...DIGEST_FUNCTIONS,
  ...CHT_FUNCTIONS,
};

// Functions whose arguments name nodes rather than give values: evaluate.ts runs them against the
// environment's hooks, and the parser checks the shape of their arguments.
const STRUCTURAL = {
  position: { min: 1, max: 1 },
  'indexed-repeat': { min: 3, max: 7 },
} as const;

export type StructuralName = keyof typeof STRUCTURAL;
export type FunctionName =
  | keyof typeof TEXT_FUNCTIONS
  | keyof typeof NUMBER_FUNCTIONS
  | keyof typeof DATE_FUNCTIONS
  | keyof typeof GEO_FUNCTIONS
  | keyof typeof DIGEST_FUNCTIONS
  | keyof typeof CHT_FUNCTIONS
  | StructuralName;

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(VALUE_FUNCTIONS, name) || Object.hasOwn(STRUCTURAL, name);
}

export function isStructural(name: FunctionName): name is StructuralName {
  return Object.hasOwn(STRUCTURAL, name);
}

export function functionArity(name: FunctionName): { min: number; max: number } {
  return isStructural(name) ? STRUCTURAL[name] : (VALUE_FUNCTIONS[name] as FunctionSpec);
}

export function functionSpec(name: Exclude<FunctionName, StructuralName>): FunctionSpec {
  return VALUE_FUNCTIONS[name] as FunctionSpec;
}
