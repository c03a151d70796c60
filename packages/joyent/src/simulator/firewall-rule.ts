/**
 * A parser for the Triton firewall rule language, enough to validate rule text and find the
 * machines a rule applies to:
 * `FROM <targets> TO <targets> ALLOW|BLOCK <protocol> <ports|types> [PRIORITY n]`.
 * @module
 */
import { isIP } from 'node:net';
import type { SimMachine } from './model.js';

/** One side's target. */
export type RuleTarget =
  | { kind: 'any' }
  | { kind: 'all-vms' }
  | { kind: 'ip' | 'subnet' | 'vm'; value: string }
  | { kind: 'tag'; name: string; value?: string | undefined };

/** A parsed rule. */
export interface ParsedRule {
  from: RuleTarget[];
  to: RuleTarget[];
  action: 'allow' | 'block';
  protocol: string;
  priority: number;
}

/** Thrown with the parser's message. */
export class RuleSyntaxError extends Error {}

interface Token {
  text: string;
  at: number;
}

function tokenize(rule: string): Token[] {
  const out: Token[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|[(),=]|-|[^\s(),="-]+(?:-[^\s(),="-]+)*)/y;
  let pos = 0;
  for (;;) {
    re.lastIndex = pos;
    const m = re.exec(rule);
    if (!m) break;
    out.push({ text: m[1]!, at: pos + m[0].length - m[1]!.length + 1 });
    pos = re.lastIndex;
  }
  if (rule.slice(pos).trim() !== '') throw new RuleSyntaxError(`Error at character ${pos + 1}: unexpected input`);
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): string | undefined {
    return this.tokens[this.i]?.text.toLowerCase();
  }

  fail(expected: string[]): never {
    const t = this.tokens[this.i];
    throw new RuleSyntaxError(
      t
        ? `Error at character ${t.at}: '${t.text}', expected: ${expected.map((e) => `'${e}'`).join(', ')}`
        : `Error: unexpected end of rule, expected: ${expected.map((e) => `'${e}'`).join(', ')}`,
    );
  }

  take(...expected: string[]): string {
    const t = this.peek();
    if (t === undefined || !expected.includes(t)) this.fail(expected);
    return this.tokens[this.i++]!.text;
  }

  word(what: string): string {
    const t = this.tokens[this.i];
    if (!t || ['(', ')', ',', '='].includes(t.text)) this.fail([what]);
    this.i++;
    return t.text.replace(/^"(.*)"$/, '$1');
  }

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  targets(): RuleTarget[] {
    if (this.peek() !== '(') return [this.target()];
    this.take('(');
    const list = [this.target()];
    while (this.peek() === 'or') {
      this.take('or');
      list.push(this.target());
    }
    this.take(')');
    return list;
  }

  target(): RuleTarget {
    const kw = this.take('any', 'all', 'ip', 'subnet', 'vm', 'tag').toLowerCase();
    switch (kw) {
      case 'any':
        return { kind: 'any' };
      case 'all':
        this.take('vms');
        return { kind: 'all-vms' };
      case 'ip': {
        const value = this.word('ip address');
        if (isIP(value) === 0) this.fail(['ip address']);
        return { kind: 'ip', value };
      }
      case 'subnet': {
        const value = this.word('subnet');
        const [addr = '', bits = ''] = value.split('/');
        const family = isIP(addr);
        if (family === 0 || !/^\d{1,3}$/.test(bits) || Number(bits) > (family === 4 ? 32 : 128)) this.fail(['subnet']);
        return { kind: 'subnet', value };
      }
      case 'vm': {
        const value = this.word('uuid');
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) this.fail(['uuid']);
        return { kind: 'vm', value: value.toLowerCase() };
      }
      default: {
        const name = this.word('tag name');
        if (this.peek() !== '=') return { kind: 'tag', name };
        this.take('=');
        return { kind: 'tag', name, value: this.word('tag value') };
      }
    }
  }

  portSpec(protocol: string): void {
    if (protocol === 'ah' || protocol === 'esp') return;
    const unit = protocol.startsWith('icmp') ? 'type' : 'port';
    if (this.peek() === '(') {
      this.take('(');
      this.single(unit);
      while (this.peek() === 'and') {
        this.take('and');
        this.single(unit);
      }
      this.take(')');
      return;
    }
    if (unit === 'port' && this.peek() === 'all') {
      this.take('all');
      this.take('ports');
      return;
    }
    this.single(unit);
  }

  single(unit: 'port' | 'type'): void {
    const kw = this.take(...(unit === 'port' ? ['port', 'ports'] : ['type'])).toLowerCase();
    const num = (max: number): void => {
      const v = this.word('number');
      if (!/^\d+$/.test(v) || Number(v) > max) this.fail(['number']);
    };
    if (this.peek() === 'all') {
      this.take('all');
      return;
    }
    if (unit === 'type') {
      num(255);
      if (this.peek() === 'code') {
        this.take('code');
        num(255);
      }
      return;
    }
    num(65535);
    if (kw === 'ports') {
      if (this.peek() === '-') {
        this.take('-');
        num(65535);
      }
      while (this.peek() === ',') {
        this.take(',');
        num(65535);
      }
    }
  }
}

/** Parses rule text; throws {@link RuleSyntaxError}. One side must be a tag, vm or `all vms`. */
export function parseFirewallRule(text: string): ParsedRule {
  const p = new Parser(tokenize(text.trim()));
  p.take('from');
  const from = p.targets();
  p.take('to');
  const to = p.targets();
  const action = p.take('allow', 'block').toLowerCase() as 'allow' | 'block';
  const protocol = p.take('tcp', 'udp', 'icmp', 'icmp6', 'ah', 'esp').toLowerCase();
  p.portSpec(protocol);
  let priority = 0;
  if (p.peek() === 'priority') {
    p.take('priority');
    const v = p.word('number');
    if (!/^\d+$/.test(v) || Number(v) > 100) throw new RuleSyntaxError(`priority must be between 0 and 100, got ${v}`);
    priority = Number(v);
  }
  if (!p.done()) p.fail(['end of rule']);
  const local = (t: RuleTarget): boolean => t.kind === 'tag' || t.kind === 'vm' || t.kind === 'all-vms';
  if (!from.some(local) && !to.some(local))
    throw new RuleSyntaxError('rule does not affect VMs: one side must be a tag, a vm or "all vms"');
  return { from, to, action, protocol, priority };
}

/** Whether a rule's targets include machine `m`. */
export function ruleAffects(rule: ParsedRule, m: SimMachine): boolean {
  return [...rule.from, ...rule.to].some((t) => {
    if (t.kind === 'all-vms') return true;
    if (t.kind === 'vm') return t.value === m.id;
    if (t.kind === 'tag') return t.name in m.tags && (t.value === undefined || String(m.tags[t.name]) === t.value);
    return false;
  });
}
