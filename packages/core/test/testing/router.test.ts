import type { IncomingMessage } from 'node:http';
import { Router, jsonReply, parseJsonBody, InvalidJsonBodyError, SimulatorHttpError, type SimulatorRequest } from '@cloudmux/core/testing';

function req(method: string, rawPath: string, body = ''): SimulatorRequest {
  const url = new URL(rawPath, 'http://127.0.0.1:1');
  return { method, url, path: decodeURIComponent(url.pathname), rawPath, headers: {}, body: Buffer.from(body), raw: {} as IncomingMessage };
}

function bodyOf(reply: { body?: unknown }): unknown {
  return typeof reply.body === 'string' ? JSON.parse(reply.body) : reply.body;
}

describe('Router', () => {
  const router = new Router()
    .add('GET', '/:login/machines', (_r, p) => jsonReply(200, { list: p.login }))
    .add('GET', '/:login/machines/:id', (_r, p) => jsonReply(200, p))
    .add('DELETE', '/:login/machines/:id', () => ({ status: 204 }))
    .add('PUT', '/buckets/:bucket/:key*', (_r, p) => jsonReply(200, p))
    .add('POST', '/echo', (r) => jsonReply(200, { got: parseJsonBody(r) }));

  it('matches :param patterns and decodes parameters', async () => {
    const reply = await router.handle(req('GET', '/my%20login/machines/abc-123?x=1'));
    expect(reply.status).toBe(200);
    expect(bodyOf(reply)).toEqual({ login: 'my login', id: 'abc-123' });
    expect(bodyOf(await router.handle(req('GET', '/bob/machines')))).toEqual({ list: 'bob' });
  });

  it('captures the rest of the path with :name*', async () => {
    const reply = await router.handle(req('PUT', '/buckets/b1/dir/sub/file%2Bx.txt'));
    expect(bodyOf(reply)).toEqual({ bucket: 'b1', key: 'dir/sub/file+x.txt' });
  });

  it('answers 404 for an unknown path and 405 with Allow for a wrong method', async () => {
    const notFound = await router.handle(req('GET', '/bob/widgets'));
    expect(notFound.status).toBe(404);
    expect(bodyOf(notFound)).toMatchObject({ code: 'ResourceNotFound' });
    const wrong = await router.handle(req('PATCH', '/bob/machines/1'));
    expect(wrong.status).toBe(405);
    expect(wrong.headers?.allow).toBe('GET, DELETE');
    // too many segments is not a match either
    expect((await router.handle(req('GET', '/bob/machines/1/extra'))).status).toBe(404);
  });

  it('serves HEAD from the GET route', async () => {
    expect((await router.handle(req('HEAD', '/bob/machines/1'))).status).toBe(200);
  });

  it('turns a non-JSON body into 400', async () => {
    const ok = await router.handle(req('POST', '/echo', '{"a":1}'));
    expect(bodyOf(ok)).toEqual({ got: { a: 1 } });
    const bad = await router.handle(req('POST', '/echo', '{nope'));
    expect(bad.status).toBe(400);
    expect(bodyOf(bad)).toMatchObject({ code: 'InvalidJsonBody' });
  });

  it('lets a simulator override the 404, 405 and 400 replies', async () => {
    const custom = new Router({
      notFound: (r) => jsonReply(404, { code: 'ResourceNotFound', message: `${r.path} does not exist` }),
      methodNotAllowed: (_r, allowed) => jsonReply(405, { code: 'BadMethod', allowed }),
      badRequest: (_r, err) => jsonReply(409, { code: 'InvalidArgument', message: err.message }),
    }).add('POST', '/x', (r) => jsonReply(200, parseJsonBody(r)));
    expect(bodyOf(await custom.handle(req('GET', '/y')))).toEqual({ code: 'ResourceNotFound', message: '/y does not exist' });
    expect(bodyOf(await custom.handle(req('GET', '/x')))).toEqual({ code: 'BadMethod', allowed: ['POST'] });
    const bad = await custom.handle(req('POST', '/x', 'not json'));
    expect(bad.status).toBe(409);
  });

  it('sends the reply of a thrown SimulatorHttpError and rethrows other errors', async () => {
    const r = new Router()
      .add('GET', '/gone', () => {
        throw new SimulatorHttpError(jsonReply(410, { code: 'Gone' }));
      })
      .add('GET', '/boom', () => {
        throw new Error('boom');
      });
    expect((await r.handle(req('GET', '/gone'))).status).toBe(410);
    await expect(r.handle(req('GET', '/boom'))).rejects.toThrow('boom');
  });

  it('rejects malformed patterns', () => {
    expect(() => new Router().add('GET', '/a/:rest*/b', () => ({ status: 200 }))).toThrow(TypeError);
    expect(() => new Router().add('GET', '/a/:', () => ({ status: 200 }))).toThrow(TypeError);
  });
});

describe('parseJsonBody / jsonReply', () => {
  it('parses JSON, treats an empty body as undefined and throws InvalidJsonBodyError otherwise', () => {
    expect(parseJsonBody(req('POST', '/', '[1,2]'))).toEqual([1, 2]);
    expect(parseJsonBody(req('POST', '/', ''))).toBeUndefined();
    expect(() => parseJsonBody(req('POST', '/', '{'))).toThrow(InvalidJsonBodyError);
  });

  it('builds a JSON reply with content-type and extra headers', () => {
    const reply = jsonReply(201, { id: 1 }, { location: '/x/1' });
    expect(reply).toEqual({ status: 201, headers: { 'content-type': 'application/json', location: '/x/1' }, body: '{"id":1}' });
  });
});
