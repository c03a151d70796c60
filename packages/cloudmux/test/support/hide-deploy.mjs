// `--import` hook for tests: makes `@cloudmux/deploy` unresolvable, as in an install without it.
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === '@cloudmux/deploy' || specifier.startsWith('@cloudmux/deploy/')) {
    const err = new Error("Cannot find package '@cloudmux/deploy' imported from " + context.parentURL);
    err.code = 'ERR_MODULE_NOT_FOUND';
    throw err;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
