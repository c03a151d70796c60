import { collectPagesAhead, type ReadAheadListing } from '@cloudmux/core';

/** Pages `a` → `b` → `c` as text bodies `items|next`; records the order of requests and parses. */
function pages(options: { peek?: (body: string) => string | undefined; fail?: string } = {}): {
  listing: ReadAheadListing<string, string>;
  log: string[];
} {
  const next: Record<string, string | undefined> = { start: 'b', b: 'c', c: undefined };
  const items: Record<string, string[]> = { start: ['1', '2'], b: ['3'], c: ['4', '5'] };
  const log: string[] = [];
  return {
    log,
    listing: {
      request: async (token) => {
        const key = token ?? 'start';
        log.push(`request ${key}`);
        // Signing and handing to the HTTP client take async steps before anything is on the wire.
        await Promise.resolve();
        await Promise.resolve();
        log.push(`started ${key}`);
        await new Promise((r) => setTimeout(r, 1));
        if (options.fail === key) throw new Error(`page ${key} failed`);
        if (!(key in next)) throw new Error(`no page ${key}`);
        log.push(`sent ${key}`);
        return `${items[key]!.join(',')}|${next[key] ?? ''}`;
      },
      peek: options.peek ?? ((body) => body.split('|')[1] || undefined),
      parse: (body) => {
        const [list, token] = body.split('|') as [string, string];
        log.push(`parse ${list}`);
        return { items: list.split(','), next: token || undefined };
      },
    },
  };
}

describe('collectPagesAhead', () => {
  it('collects every page in order, requesting the next page before parsing the current one', async () => {
    const { listing, log } = pages();
    expect(await collectPagesAhead(listing)).toEqual(['1', '2', '3', '4', '5']);
    expect(log.indexOf('started b')).toBeLessThan(log.indexOf('parse 1,2'));
    expect(log.indexOf('started c')).toBeLessThan(log.indexOf('parse 3'));
    expect(log.filter((l) => l.startsWith('request'))).toEqual(['request start', 'request b', 'request c']);
  });

  it('falls back to one page at a time when nothing can be peeked', async () => {
    const { listing, log } = pages({ peek: () => undefined });
    expect(await collectPagesAhead(listing)).toEqual(['1', '2', '3', '4', '5']);
    expect(log.indexOf('parse 1,2')).toBeLessThan(log.indexOf('request b'));
  });

  it('drops a wrong guess (its failure unseen) and requests the page the parsed answer names', async () => {
    const { listing, log } = pages({ peek: () => 'nowhere' });
    expect(await collectPagesAhead(listing)).toEqual(['1', '2', '3', '4', '5']);
    expect(log).toContain('request nowhere');
    expect(log.filter((l) => l === 'request b')).toHaveLength(1);
  });

  it('rejects with the failure of a page that is needed', async () => {
    const { listing } = pages({ fail: 'c' });
    await expect(collectPagesAhead(listing)).rejects.toThrow('page c failed');
  });
});
