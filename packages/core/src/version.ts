/** Version of `@cloudmux/core` (used in the User-Agent). */
export const VERSION = '0.1.0';
