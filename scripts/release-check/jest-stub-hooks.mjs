// Part of the release check: module hooks that answer `@jest/globals` with inert functions. Outside
// jest the real package cannot be loaded (jest supplies it to the test environment), yet the rest
// of @cloudmux/test-kit's module graph must resolve and evaluate from the installed tarballs.
const STUB = `
const noop = () => {};
const matchers = new Proxy(noop, { get: () => matchers, apply: () => matchers });
export const expect = matchers;
export const describe = noop, fdescribe = noop, xdescribe = noop;
export const it = noop, fit = noop, xit = noop, test = noop, xtest = noop;
export const beforeAll = noop, beforeEach = noop, afterAll = noop, afterEach = noop;
export const jest = matchers;
`;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@jest/globals') {
    await nextResolve(specifier, context); // it must be installed (the peer dependency) all the same
    return { url: `data:text/javascript,${encodeURIComponent(STUB)}`, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
