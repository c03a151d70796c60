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
  start(process.argv.slice(2), (line) => console.log(line)).then(
    (stopSimulator) => {
      if (!stopSimulator) return;
      const onSignal = (signal: string): void => {
        console.log(`\n${signal}: stopping the simulator`);
        stopSimulator().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', () => onSignal('SIGINT'));
      process.once('SIGTERM', () => onSignal('SIGTERM'));
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(2);
    },
  );
}
