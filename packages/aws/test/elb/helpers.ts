import { Node, NodeDriver, NodeState } from '@cloudmux/core/compute';
import { ElbLoadBalancerDriver } from '../../src/elb/driver.js';
import type { ElbDriverOptions } from '../../src/elb/options.js';
import { AlbLoadBalancerDriver } from '../../src/elbv2/driver.js';
import { ElbSimulator, type ElbSimulatorOptions } from '../../src/simulator/index.js';

/** Test credentials the simulator accepts. */
export const CREDS = { accessKeyId: 'AKIATESTELB000000001', secretAccessKey: 'test/elb+secret/key/00000000000000000001' };

/** The simulator's default subnets in us-east-1. */
export const SUBNETS = ['subnet-0cloudmux0000001', 'subnet-0cloudmux0000002'];

/** A simulator plus a driver of each API pointed at it. */
export interface ElbHarness {
  sim: ElbSimulator;
  elb: ElbLoadBalancerDriver;
  alb: AlbLoadBalancerDriver;
  close(): Promise<void>;
}

/** Starts an ELB simulator (quick transitions) and both drivers with quick retries. */
export async function startElb(simOptions: ElbSimulatorOptions = {}, driverOptions: ElbDriverOptions = {}): Promise<ElbHarness> {
  const sim = await ElbSimulator.start({
    credentials: [CREDS],
    provisioningDelayMs: 40,
    healthyDelayMs: 40,
    drainDelayMs: 40,
    ...simOptions,
  });
  const options: ElbDriverOptions = { endpoint: sim.url, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...driverOptions };
  const elb = new ElbLoadBalancerDriver(CREDS.accessKeyId, CREDS.secretAccessKey, options);
  const alb = new AlbLoadBalancerDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { subnets: SUBNETS, ...options });
  return {
    sim,
    elb,
    alb,
    async close() {
      elb.close();
      alb.close();
      await sim.close();
    },
  };
}

class DetachedNodeDriver extends NodeDriver {}

/** An EC2-like node (instance id, addresses) for `balancerAttachComputeNode`. */
export function ec2Node(id = 'i-0123456789abcdef0', ip = '192.0.2.44'): Node {
  return new Node({ id, name: id, state: NodeState.RUNNING, publicIps: [ip], privateIps: ['10.0.0.44'] }, new DetachedNodeDriver());
}
