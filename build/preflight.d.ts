// Types of build/preflight.js (plain JS: it runs before `npm ci`), for its test.
export type Requirement = { pkg: string; what: string; command?: string; file?: string };
export type MachineState = {
  missing: string[];
  postgresUp: boolean;
  isRoot: boolean;
  hasApt: boolean;
  clusters: string[];
};
export type Step =
  { kind: 'run'; argv: string[] } | { kind: 'start-postgres' } | { kind: 'stop'; message: string };
export const REQUIREMENTS: readonly Requirement[];
export const PG_HOST: string;
export const PG_PORT: number;
export const PG_TEST_URL: string;
export function planPreflight(state: MachineState): Step[];
export function postgresLoginAdvice(problem: string, clusters: string[]): string;
