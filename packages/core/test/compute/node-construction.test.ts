import { describe, expect, it } from '@jest/globals';
import { Node, NodeSize, NodeState, type NodeDriver } from '../../src/compute/index.js';

const driver = { name: 'fake' } as unknown as NodeDriver;

describe('Node construction', () => {
  it('copies and freezes address lists the caller still owns', () => {
    const publicIps = ['192.0.2.1'];
    const node = new Node({ id: 'n1', name: 'n1', state: NodeState.RUNNING, publicIps }, driver);
    publicIps.push('192.0.2.2');
    expect(node.publicIps).toEqual(['192.0.2.1']);
    expect(node.publicIps).not.toBe(publicIps);
    expect(Object.isFrozen(node.publicIps)).toBe(true);
    expect(Object.isFrozen(node.privateIps)).toBe(true);
    expect(node.privateIps).toEqual([]);
  });

  it('shares an already frozen list instead of copying it', () => {
    const privateIps = Object.freeze(['10.0.0.1']);
    const node = new Node({ id: 'n1', name: 'n1', state: NodeState.RUNNING, privateIps }, driver);
    expect(node.privateIps).toBe(privateIps);
  });

  it('keeps driver an own, non-enumerable, read-only property on every resource', () => {
    const a = new Node({ id: 'a', name: 'a', state: NodeState.RUNNING }, driver);
    const b = new NodeSize({ id: 's', name: 's', ramMb: 1024, diskGb: 10 }, driver);
    for (const r of [a, b]) {
      expect(r.driver).toBe(driver);
      const d = Object.getOwnPropertyDescriptor(r, 'driver');
      expect(d).toEqual({ value: driver, enumerable: false, writable: false, configurable: false });
      expect(Object.keys(r)).not.toContain('driver');
      expect(JSON.stringify(r)).not.toContain('fake');
    }
  });
});
