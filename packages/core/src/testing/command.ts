/**
 * The shared body of the standalone simulator commands (`cloudmux-<provider>-simulator`): start, print,
 * serve until SIGINT/SIGTERM, stop.
 * @module
 */

/**
 * Starts a simulator from the process arguments and serves until SIGINT or SIGTERM, then stops it and exits
 * 0 (1 when stopping fails). `start(argv, print)` starts the simulator and returns its stop function, or
 * `undefined` when there is nothing to serve (after `--help`). A start error prints its message and exits 2.
 */
export function runSimulatorCommand(
  start: (argv: string[], print: (line: string) => void) => Promise<(() => Promise<void>) | undefined>,
): void {
  // The handlers are in place before anything is printed: a signal sent as soon as the simulator's address
  // appears (as scripts and tests do) must stop it cleanly, not kill the process half-started.
  let stopSimulator: (() => Promise<void>) | undefined;
  let starting = true;
  let pending: string | undefined;
  const onSignal = (signal: string): void => {
    if (starting) {
      pending ??= signal;
      return;
    }
    if (!stopSimulator) return;
    console.log(`\n${signal}: stopping the simulator`);
    stopSimulator().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  const onInt = (): void => onSignal('SIGINT');
  const onTerm = (): void => onSignal('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  start(process.argv.slice(2), (line) => console.log(line)).then(
    (stop) => {
      starting = false;
      stopSimulator = stop;
      if (!stop) {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        return;
      }
      if (pending !== undefined) onSignal(pending);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(2);
    },
  );
}
