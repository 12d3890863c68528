/**
 * The core refuses a bad connection with `VALIDATION_FAILED` and `details.issues` (path + message,
 * see src-shared/contract/validation.ts). These map each issue back to the form box it is about,
 * so the message appears under that box rather than as one line at the bottom.
 */

/** Problems by form field; `form` holds what belongs to no single box. */
export type FieldErrors = Partial<Record<string, string>>;

/** Settings paths (as `issuePath` writes them, with `settings.` / `credentials.` dropped) → form fields. */
const FIELD_OF_PATH: Record<string, string> = {
  name: 'name',
  kind: 'kind',
  exchange: 'exchange',
  'urls.rest': 'restUrl',
  'urls.ws': 'wsUrl',
  'urls.trading': 'tradingUrl',
  'ib.host': 'ibHost',
  'ib.port': 'ibPort',
  'ib.clientId': 'ibClientId',
  'ib.live': 'ibLive',
  'ib.regularHoursOnly': 'ibRegularHoursOnly',
  'alpaca.environment': 'alpacaEnvironment',
  'alpaca.feed': 'alpacaFeed',
  requestsPerMinute: 'requestsPerMinute',
  heartbeatSeconds: 'heartbeatSeconds',
  pollSeconds: 'pollSeconds',
  'breaker.failureThreshold': 'failureThreshold',
  'breaker.openSeconds': 'openSeconds',
  'backoff.initialMs': 'backoffInitialMs',
  'backoff.maxMs': 'backoffMaxMs',
  'backoff.attemptsBeforeDown': 'attemptsBeforeDown',
  priority: 'priority',
  'credentials.apiKey': 'apiKey',
  'credentials.secret': 'secret',
  'credentials.password': 'password',
};

/** `['settings', 'backoff', 'maxMs']` or `'settings.backoff.maxMs'` → `'backoffMaxMs'`; anything else → `'form'`. */
export function fieldOfIssuePath(path: readonly string[] | string): string {
  const parts = typeof path === 'string' ? path.split('.') : [...path];
  const key = (parts[0] === 'settings' ? parts.slice(1) : parts).join('.');
  return FIELD_OF_PATH[key] ?? 'form';
}

interface Issue {
  path: string;
  message: string;
}

function isIssue(value: unknown): value is Issue {
  return typeof value === 'object' && value !== null && typeof (value as Issue).path === 'string' && typeof (value as Issue).message === 'string';
}

/**
 * The core's refusal by field. A `VALIDATION_FAILED` with issues lands under the boxes; any other
 * failure (the venue refused, the store is down) is the form-level message.
 */
export function fieldErrorsFromFailure(error: { code: string; message: string; details?: unknown }): FieldErrors {
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (error.code !== 'VALIDATION_FAILED' || !Array.isArray(issues) || !issues.every(isIssue) || issues.length === 0) {
    return { form: error.message };
  }
  const errors: FieldErrors = {};
  const unplaced: string[] = [];
  for (const issue of issues) {
    const field = fieldOfIssuePath(issue.path);
    if (field === 'form') unplaced.push(`${issue.path}: ${issue.message}`);
    else errors[field] ??= issue.message;
  }
  if (unplaced.length > 0) errors.form = unplaced.join('; ');
  return errors;
}
