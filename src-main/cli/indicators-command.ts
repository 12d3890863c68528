import type { IndicatorParam } from '../../src-shared/domain/indicator.ts';
import { catalogueDescriptors } from '../../src-workers/indicators/catalogue/index.ts';
import type { Output } from './cli-error.ts';
import { parse } from './options.ts';

export const INDICATORS_USAGE = 'candlewick indicators [--json]';

/** Lists the indicator catalogue: ids, parameters with defaults and ranges, outputs. */
export async function indicatorsCommand(args: string[], _dataDirDefault: string, io: Output): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  const list = catalogueDescriptors();
  if (values.json) {
    io.out(`${JSON.stringify(list)}\n`);
    return 0;
  }
  let group = '';
  for (const d of [...list].sort((a, b) => a.group.localeCompare(b.group) || a.id.localeCompare(b.id))) {
    if (d.group !== group) io.out(`${(group = d.group)}\n`);
    const params = d.params.map(describeParam).join(' ');
    const outputs = d.outputs.map((o) => o.id).join(', ');
    io.out(`  ${d.id.padEnd(30)} ${d.name}${params ? `  ${params}` : ''}  → ${outputs}  [${d.placement}, ${d.engine}]\n`);
  }
  io.out(`${list.length} indicators. Compute one with: candlewick indicator --symbol SYM --timeframe 1d --name rsi --param period=14\n`);
  return 0;
}

function describeParam(p: IndicatorParam): string {
  if (p.type === 'choice') return `${p.name}=${p.default}(${p.choices.join('|')})`;
  return `${p.name}=${p.default}(${p.min}..${p.max})`;
}
