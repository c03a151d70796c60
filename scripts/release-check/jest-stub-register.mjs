// Part of the release check: `node --import ./jest-stub-register.mjs` makes `@jest/globals` resolve
// to a stub (see jest-stub-hooks.mjs), so a jest-only package can be loaded outside jest.
import { register } from 'node:module';

register('./jest-stub-hooks.mjs', import.meta.url);
