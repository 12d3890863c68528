import type { z } from 'zod';
import type { AppError } from './errors.ts';

/** Path of a zod issue as traders and developers read it: `instrument.symbol`, `mapping[2]`. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(input)' : out;
}

/** A `VALIDATION_FAILED` error whose message names the first bad field and whose details list all. */
export function validationError(where: string, error: z.ZodError): AppError {
  const issues = error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
  const first = issues[0] ?? { path: '(input)', message: 'invalid' };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return {
    code: 'VALIDATION_FAILED',
    message: `Invalid ${where}: ${first.path}: ${first.message}${more}`,
    details: { issues },
  };
}
