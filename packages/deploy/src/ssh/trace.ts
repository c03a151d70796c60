import { appendFileSync } from 'node:fs';

/** Where the deploy debug trace goes: `debugFile`, else `CLOUDMUX_DEBUG` (`1`/`true` mean stderr). */
export function resolveTraceFile(debugFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = debugFile ?? env['CLOUDMUX_DEBUG'];
  if (v === undefined || v === '' || v === '0' || v === 'false') return undefined;
  if (v === '1' || v === 'true') return '/dev/stderr';
  return v;
}

/**
 * Appends one line per SSH event (connection attempts, host-key decisions, commands' exit status)
 * to the debug trace. Never writes key material, passwords, script contents or command output.
 */
export class SshTrace {
  private failed = false;
  private constructor(private readonly file: string) {}

  /** A trace for `debugFile` / `CLOUDMUX_DEBUG`, or undefined when tracing is off. */
  static open(debugFile?: string): SshTrace | undefined {
    const file = resolveTraceFile(debugFile);
    return file ? new SshTrace(file) : undefined;
  }

  /** Writes one line. */
  log(message: string): void {
    if (this.failed) return;
    try {
      appendFileSync(this.file, `--- ${new Date().toISOString()} cloudmux ssh ${message}\n`);
    } catch (err) {
      this.failed = true;
      process.emitWarning(`cloudmux: cannot write debug trace to ${this.file}: ${String(err)}`);
    }
  }
}
