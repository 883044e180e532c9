// Entry point of the `quiosco` command (bundled to dist/cli.js, which bin/quiosco.js imports).
import { runCli } from './run-cli';

process.exitCode = await runCli(process.argv.slice(2));
