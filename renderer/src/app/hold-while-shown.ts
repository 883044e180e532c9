// A camera or microphone started for a view that may go before it has started: one that arrives
// after the view has gone is released at once, and a failure after it has gone is not told.

type Hold<Device> = {
  started(device: Device): void;
  failed(error: unknown): void;
  release(device: Device): void;
};

export type Holding<Device> = {
  /** The device once it has started. */
  held(): Device | null;
  gone(): boolean;
  /** For the effect's cleanup: the view goes, the device (started or still to come) is released. */
  leave(): void;
};

export function holdWhileShown<Device>(
  starting: Promise<Device>,
  { started, failed, release }: Hold<Device>,
): Holding<Device> {
  let leaving = false;
  let device: Device | null = null;
  starting.then(
    (arrived) => {
      if (leaving) return release(arrived);
      device = arrived;
      started(arrived);
    },
    (error: unknown) => {
      if (!leaving) failed(error);
    },
  );
  return {
    held: () => device,
    gone: () => leaving,
    leave: () => {
      leaving = true;
      if (device !== null) release(device);
    },
  };
}
