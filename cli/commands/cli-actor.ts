// Who the audit log names for a set-up change made with the CLI: the command line on this machine
// and the operating-system user who ran it (the CLI has no sign-in of its own).
import { userInfo } from 'node:os';

export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    // No user entry for this uid (a bare container): still say it came from the command line.
    return 'cli';
  }
}
