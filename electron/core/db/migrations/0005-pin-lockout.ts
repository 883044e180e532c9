import type { Migration } from './migration';

export const pinLockout: Migration = {
  version: 5,
  name: 'pin-lockout',
  sql: `
-- The staff PIN lockout, kept on disk so that restarting the kiosk does not hand out fresh guesses.
-- wrong: wrong PINs since the last lockout or right PIN; lockouts: lockouts in a row since the last
-- right PIN (each one doubles the next); locked_until: when the current lockout ends, if any.
CREATE TABLE pin_lockout (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  wrong INTEGER NOT NULL CHECK (wrong >= 0),
  lockouts INTEGER NOT NULL CHECK (lockouts >= 0),
  locked_until TEXT
) STRICT;
INSERT INTO pin_lockout (singleton, wrong, lockouts, locked_until) VALUES (1, 0, 0, NULL);
`,
};
