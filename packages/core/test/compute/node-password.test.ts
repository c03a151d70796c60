import { inspect } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { Node, NodeState, type NodeDriver } from '../../src/compute/index.js';

const driver = { providerId: 'p' } as unknown as NodeDriver;

describe('Node.password (a password the provider generated)', () => {
  it('is readable but never enumerated, inspected or serialized', () => {
    const node = new Node({ id: 'n1', name: 'web', state: NodeState.PENDING, password: 'Gen-3r4t3d-pw' }, driver);
    expect(node.password).toBe('Gen-3r4t3d-pw');
    expect(Object.keys(node)).not.toContain('password');
    expect(inspect(node, { depth: 10, showHidden: false })).not.toContain('Gen-3r4t3d-pw');
    expect(JSON.stringify(node)).not.toContain('Gen-3r4t3d-pw');
    expect({ ...node }).not.toHaveProperty('password');
  });

  it('is undefined, with no own property, when the provider generated none', () => {
    const node = new Node({ id: 'n1', name: 'web', state: NodeState.PENDING }, driver);
    expect(node.password).toBeUndefined();
    expect(Object.getOwnPropertyNames(node)).not.toContain('password');
  });
});
