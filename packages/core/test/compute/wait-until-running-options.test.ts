import { Node, NodeDriver, NodeState, type ComputeMethod, type WaitUntilRunningOptions } from '@cloudmux/core/compute';
import { InvalidArgumentError, TimeoutError } from '@cloudmux/core/errors';

/** A driver whose node runs after `runningAfter` polls; counts getNode calls (the "requests"). */
class PollDriver extends NodeDriver {
  static override readonly capabilities: readonly ComputeMethod[] = ['getNode', 'waitUntilRunning'];
  calls = 0;
  at: number[] = [];
  constructor(private readonly runningAfter = Infinity) {
    super();
  }
  override async getNode(id: string): Promise<Node> {
    this.calls++;
    this.at.push(Date.now());
    const state = this.calls > this.runningAfter ? NodeState.RUNNING : NodeState.PENDING;
    return new Node({ id, name: id, state, publicIps: ['192.0.2.1'] }, this);
  }
}

async function errorOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('waitUntilRunning: poll interval and timeout are validated', () => {
  it.each([
    [{ pollIntervalMs: 0 }, /"pollIntervalMs" must be a finite number of milliseconds/],
    [{ pollIntervalMs: -1 }, /"pollIntervalMs"/],
    [{ pollIntervalMs: Number.NaN }, /"pollIntervalMs".*got number NaN/],
    [{ pollIntervalMs: Infinity }, /"pollIntervalMs".*got number Infinity/],
    [{ waitPeriodMs: 0 }, /"waitPeriodMs" must be a finite number/],
    [{ waitPeriodMs: Number.NaN }, /"waitPeriodMs"/],
    [{ timeoutMs: Number.NaN }, /"timeoutMs".*got number NaN/],
    [{ timeoutMs: -1 }, /"timeoutMs"/],
    [{ timeoutMs: Infinity }, /"timeoutMs"/],
    [{ timeoutMs: 0 }, /"timeoutMs"/],
    [{ pollIntervalMs: 500, waitPeriodMs: 600 }, /pass pollIntervalMs only/],
  ] as [WaitUntilRunningOptions, RegExp][])('%p throws InvalidArgumentError before polling', async (options, message) => {
    const d = new PollDriver(0);
    const err = await errorOf(d.waitUntilRunning(['n1'], options));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.message).toMatch(/^waitUntilRunning: /);
    expect(err.message).toMatch(message);
    expect(d.calls).toBe(0);
  });

  it.each([{ pollIntervalMs: 1 }, { waitPeriodMs: 1 }, { pollIntervalMs: 99.5 }] as WaitUntilRunningOptions[])(
    'keeps a 100 ms floor: %p does not poll in a tight loop',
    async (options) => {
      const d = new PollDriver();
      const err = await errorOf(d.waitUntilRunning(['n1'], { ...options, timeoutMs: 450 }));
      expect(err).toBeInstanceOf(TimeoutError);
      // 450 ms at >= 100 ms per poll: 2 to 5 polls (a 1 ms interval would make hundreds).
      expect(d.calls).toBeGreaterThanOrEqual(2);
      expect(d.calls).toBeLessThanOrEqual(5);
      for (let i = 1; i < d.at.length; i++) expect((d.at[i] as number) - (d.at[i - 1] as number)).toBeGreaterThanOrEqual(95);
    },
  );

  it('takes pollIntervalMs, and the deprecated waitPeriodMs alias, and both when equal', async () => {
    for (const options of [
      { pollIntervalMs: 100 },
      { waitPeriodMs: 100 },
      { pollIntervalMs: 100, waitPeriodMs: 100 },
    ] as WaitUntilRunningOptions[]) {
      const d = new PollDriver(1);
      // 1500 ms: only a 100 ms interval fits a second poll (the 3000 ms default would time out).
      const [ready] = await d.waitUntilRunning(['n1'], { ...options, timeoutMs: 1500 });
      expect(ready?.node.state).toBe(NodeState.RUNNING);
      expect(d.calls).toBe(2);
    }
  });
});

describe('waitUntilRunning: node ids are checked before the first poll', () => {
  it.each(['', '  ', '/', '..', 'a/b'])('refuses %j', async (id) => {
    const d = new PollDriver(0);
    const err = await errorOf(d.waitUntilRunning(['ok', id], { timeoutMs: 1000 }));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.message).toMatch(/^waitUntilRunning: "nodes\[1\]" must be/);
    expect(d.calls).toBe(0);
  });

  it('checks the id of a Node object too', async () => {
    const d = new PollDriver(0);
    const bad = new Node({ id: '', name: 'x', state: NodeState.RUNNING }, d);
    const err = await errorOf(d.waitUntilRunning([bad]));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.message).toMatch(/"nodes\[0\]\.id" must be a non-empty node id/);
  });
});
