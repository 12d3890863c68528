import { AppFailure } from '../../../src-shared/contract/errors.ts';
import { issuePath } from '../../../src-shared/contract/validation.ts';
import type { IndicatorConfig, IndicatorDescriptor, IndicatorParams } from '../../../src-shared/domain/indicator.ts';
import type { IndicatorDefinition, StreamingIndicator } from '../types.ts';
import { CORE } from './core.ts';
import { MOMENTUM } from './momentum.ts';
import { MOVING_AVERAGES } from './moving-averages.ts';
import { OSCILLATORS } from './oscillators.ts';
import { PATTERN_INDICATORS } from './patterns.ts';
import { TREND } from './trend.ts';
import { VOLATILITY, VOLUME_INDICATORS } from './volatility-volume.ts';

/** Every indicator Candlewick offers: the kernel core first, then the libraries' indicators. */
export const CATALOGUE: readonly IndicatorDefinition[] = [...CORE, ...MOVING_AVERAGES, ...TREND, ...MOMENTUM, ...OSCILLATORS, ...VOLATILITY, ...VOLUME_INDICATORS, ...PATTERN_INDICATORS];

const BY_ID = new Map(CATALOGUE.map((d) => [d.descriptor.id, d]));
if (BY_ID.size !== CATALOGUE.length) {
  const seen = new Set<string>();
  const dup = CATALOGUE.find((d) => (seen.has(d.descriptor.id) ? true : (seen.add(d.descriptor.id), false)));
  throw new Error(`indicator id "${dup?.descriptor.id}" appears twice in the catalogue`);
}

export function catalogueDescriptors(): IndicatorDescriptor[] {
  return CATALOGUE.map((d) => d.descriptor);
}

/** The definition of an indicator by id; NOT_FOUND (with close matches) when there is none. */
export function getIndicator(id: string): IndicatorDefinition {
  const found = BY_ID.get(id);
  if (found) return found;
  const near = nearIds(id);
  const hint = near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}? ` : '';
  throw new AppFailure('NOT_FOUND', `No indicator "${id}"; ${hint}see candlewick indicators`, { id, near });
}

/**
 * Validates an indicator's parameters (defaults filled, ranges, cross-rules). On failure a
 * VALIDATION_FAILED whose message names the parameter under `path` (e.g. `indicators[2].config`).
 */
export function resolveParams(definition: IndicatorDefinition, params: unknown, path = 'params'): IndicatorParams {
  const parsed = definition.params.safeParse(params ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: `${path}.${issuePath(i.path)}`.replace(/\.\(input\)$/, ''), message: i.message }));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new AppFailure('VALIDATION_FAILED', `Invalid parameters for ${definition.descriptor.id}: ${first.path}: ${first.message}${more}`, { issues });
}

/** A validated configuration: the definition, and the parameters with every default filled in. */
export interface ResolvedConfig {
  readonly definition: IndicatorDefinition;
  readonly params: IndicatorParams;
}

/**
 * Checks one configured indicator against the catalogue: known id, valid parameters, fuzzy sets
 * over outputs it has with distinct names. `path` prefixes every message (`indicators[2].config`).
 */
export function resolveConfig(config: IndicatorConfig, path = 'config'): ResolvedConfig {
  let definition: IndicatorDefinition;
  try {
    definition = getIndicator(config.id);
  } catch (error) {
    if (error instanceof AppFailure) throw new AppFailure(error.code, `${path}.id: ${error.message}`, error.details);
    throw error;
  }
  const params = resolveParams(definition, config.params, `${path}.params`);
  const outputs = definition.descriptor.outputs.map((o) => o.id);
  const names = new Set<string>();
  (config.fuzzy ?? []).forEach((set, i) => {
    if (!outputs.includes(set.output)) {
      throw new AppFailure(
        'VALIDATION_FAILED',
        `${path}.fuzzy[${i}].output: "${set.output}" is not an output of ${definition.descriptor.id} (its outputs: ${outputs.join(', ')})`,
      );
    }
    if (names.has(set.name)) throw new AppFailure('VALIDATION_FAILED', `${path}.fuzzy[${i}].name: "${set.name}" is used twice`);
    names.add(set.name);
  });
  return { definition, params };
}

/**
 * A streaming indicator for live bars or replay: parameters validated and completed; `values`
 * follow `outputs` (NaN while warming up) and equal the batch computation bar for bar.
 * The configuration's timeframe and fuzzy sets are not applied here.
 */
export function createStream(config: Pick<IndicatorConfig, 'id' | 'params'>): StreamingIndicator {
  const definition = getIndicator(config.id);
  return definition.stream(resolveParams(definition, config.params));
}

function nearIds(id: string): string[] {
  const wanted = id.toLowerCase();
  return CATALOGUE.map((d) => d.descriptor.id)
    .filter(
      (candidate) =>
        (wanted.length >= 2 && candidate.includes(wanted)) ||
        (wanted.length >= 3 && candidate.length >= 3 && wanted.includes(candidate)) ||
        distance(candidate, wanted) <= (wanted.length < 6 ? 1 : 2),
    )
    .slice(0, 5);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
