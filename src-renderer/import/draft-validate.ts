import type { InputOf, Requests } from '../../src-shared/contract/index.ts';
import type { ColumnMapping } from '../../src-shared/domain/import.ts';
import { InstrumentSpecSchema } from '../../src-shared/domain/instrument.ts';
import { isTimeframe } from '../../src-shared/domain/timeframe.ts';
import { REQUIRED_ROLES, ROLES, type ImportDraft, type Role } from './draft.ts';

export type StartInput = InputOf<Requests['import.start']>;

/** Field → message; empty when the draft can be imported. Keys are draft fields or `mapping.<role>`. */
export type DraftErrors = Partial<Record<string, string>>;

export function validateDraft(draft: ImportDraft): DraftErrors {
  const errors: DraftErrors = {};
  for (const role of REQUIRED_ROLES[draft.kind]) {
    if (draft.mapping[role] === null) errors[`mapping.${role}`] = `${draft.kind} need a ${role} column`;
  }
  const used = new Map<number, Role>();
  for (const role of ROLES) {
    const column = draft.mapping[role];
    if (column === null) continue;
    const other = used.get(column);
    if (other) errors[`mapping.${role}`] = `column ${column + 1} is already the ${other} column`;
    else used.set(column, role);
  }
  if (!isTimeframe(draft.timeframe)) errors.timeframe = 'expected a timeframe such as 1m, 1h or 1d';
  if (draft.timeZone.trim() === '') errors.timeZone = 'choose a time zone';
  const spec = InstrumentSpecSchema.safeParse(instrumentOf(draft));
  if (!spec.success) {
    for (const issue of spec.error.issues) {
      const field = String(issue.path[0] ?? 'symbol');
      errors[field] ??= issue.message;
    }
  }
  return errors;
}

function instrumentOf(draft: ImportDraft): StartInput['instrument'] {
  return {
    symbol: draft.symbol.trim(),
    venue: draft.venue.trim(),
    assetClass: draft.assetClass,
    currency: draft.currency.trim().toUpperCase(),
    tickSize: Number(draft.tickSize),
    lotSize: Number(draft.lotSize),
  };
}

/** The `import.start` input for a valid draft. */
export function toStartInput(stagedId: string, draft: ImportDraft): StartInput {
  const mapping: Partial<Record<Role, number>> = {};
  for (const role of ROLES) {
    const column = draft.mapping[role];
    if (column !== null) mapping[role] = column;
  }
  return {
    stagedId,
    options: {
      kind: draft.kind,
      delimiter: draft.delimiter,
      hasHeader: draft.hasHeader,
      dateFormat: draft.dateFormat,
      mapping: mapping as ColumnMapping,
      timeZone: draft.timeZone,
      timeframe: draft.timeframe,
      decimalComma: draft.decimalComma,
    },
    instrument: instrumentOf(draft),
  };
}
