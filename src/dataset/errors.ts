/** A readable validation error: where (a JSON path like `entities[3].aliases[0].case`) and what. */
export interface DatasetError {
  readonly path: string;
  readonly message: string;
}

/** Enough to fix a pack; more would only flood the import dialog. */
export const MAX_REPORTED_ERRORS = 50;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a key path as a JSON path: `entities[3].aliases[0].case`; `$` for the root; keys
 * that are not identifiers are quoted (`["a b"]`) so hostile keys cannot forge a path.
 */
export function formatIssuePath(keys: readonly unknown[]): string {
  let path = '';
  for (const key of keys) {
    if (typeof key === 'number') {
      path += `[${key}]`;
    } else if (typeof key === 'string' && IDENTIFIER.test(key) && key.length <= 64) {
      path += path === '' ? key : `.${key}`;
    } else {
      const shown = typeof key === 'string' ? key.slice(0, 64) : String(key);
      path += `[${JSON.stringify(shown)}]`;
    }
  }
  return path === '' ? '$' : path;
}
