import { SimpleGrid, Text } from '@mantine/core';
import type { OptimizationDetail } from '../../../../src-shared/contract/optimize.contract.ts';
import { formatCount } from '../../../ui/format.ts';
import { formatMoney, formatNumber, formatPercent } from '../../backtest/format.ts';
import { MonteCarloPlot, ParamHeatmap, surfaceHighlight, surfaceRows } from '../plots/index.ts';
import { SafeguardCard } from './SafeguardCard.tsx';
import { benchmarkVerdict, deflatedSharpeVerdict, efficiencyVerdict, outOfSampleVerdict, ruinVerdict, stabilityVerdict } from './verdicts.ts';

const p = (x: number | null | undefined) => formatNumber(x, 3);
/** A share or probability, unsigned: 0.851 → "85.1 %". */
const share = (x: number | null | undefined, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)} %`);

/**
 * The overfitting safeguards beside the best set (docs/safeguards.md): would it have held out of
 * sample, is its neighbourhood as good, how bad can its trades' order make things, is its Sharpe more
 * than the best of many lucky trials, and does it beat holding the instrument.
 */
export function RobustnessView({ detail }: { detail: OptimizationDetail }) {
  const s = detail.safeguards;
  if (!s) {
    return (
      <Text size="sm" c="dimmed">
        {detail.state === 'running'
          ? 'The safeguards are computed once the search ends.'
          : 'No safeguards: the search did not finish. Resume it to compute them over every result.'}
      </Text>
    );
  }
  const { stability, surface, monteCarlo: mc, deflatedSharpe: dsr, benchmarkTest: bt, outOfSample: oos } = s;
  const wfe = s.walkForwardEfficiency ?? detail.walkForward?.efficiency ?? null;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm" data-testid="robustness">
      <SafeguardCard
        title="Parameter stability"
        verdict={stabilityVerdict(stability)}
        explain="The objective one step either side of each parameter of the best set. A best set on a narrow peak rarely repeats."
        facts={
          stability
            ? [
                ['Best', p(stability.best)],
                ['Neighbours evaluated', `${stability.evaluated} of ${stability.neighbours}`],
                ['Mean / best', share(stability.meanToBest)],
                ['Worst / best', share(stability.worstToBest)],
                [`Within ${Math.round(stability.tolerance * 100)} % of best`, share(stability.shareWithin, 0)],
              ]
            : []
        }
      >
        {surface && (
          <ParamHeatmap
            rows={surfaceRows(surface)}
            xParam={surface.xParam}
            yParam={surface.yParam}
            direction={detail.direction}
            objectiveLabel={detail.objective}
            highlight={surfaceHighlight(surface)}
          />
        )}
      </SafeguardCard>
      <SafeguardCard
        title="Monte Carlo"
        verdict={ruinVerdict(mc)}
        explain="The best set's trades in other orders (reshuffled) and drawn with replacement (bootstrap): how wide the outcomes and drawdowns could have been."
        facts={
          mc
            ? [
                ['Trades', formatCount(mc.trades)],
                ['Final equity p5 / p50 / p95 (bootstrap)', `${formatMoney(mc.bootstrap.finalEquity.p5)} / ${formatMoney(mc.bootstrap.finalEquity.p50)} / ${formatMoney(mc.bootstrap.finalEquity.p95)}`],
                ['Max drawdown p5 (reshuffled)', formatPercent(mc.reshuffle.maxDrawdown.p5)],
                ['Max drawdown p5 (bootstrap)', formatPercent(mc.bootstrap.maxDrawdown.p5)],
                [`Chance of losing ${Math.round((1 - mc.ruinLevel) * 100)} %`, `${share(mc.reshuffle.probabilityOfRuin)} / ${share(mc.bootstrap.probabilityOfRuin)}`],
              ]
            : [['Trades', 'too few to resample']]
        }
      >
        {mc && <MonteCarloPlot report={mc} />}
      </SafeguardCard>
      <SafeguardCard
        title="Deflated Sharpe"
        verdict={deflatedSharpeVerdict(dsr)}
        explain="The chance that the best Sharpe is real skill and not the best of many lucky trials (Bailey & López de Prado). Above 95 % holds up."
        facts={
          dsr
            ? [
                ['Sharpe (annualized)', p(dsr.sharpe)],
                ['Trials', formatCount(dsr.trials)],
                ['Expected best of the trials by luck', p(dsr.expectedMaxSharpe)],
                ['Probabilistic Sharpe (> 0)', share(dsr.probabilisticSharpe)],
                ['Deflated Sharpe', share(dsr.deflatedSharpe)],
              ]
            : []
        }
      />
      <SafeguardCard
        title="Against buy and hold"
        verdict={benchmarkVerdict(bt)}
        explain="Does the best set's per-bar return beat holding the instrument? A one-sided t-test and a stationary bootstrap of the excess returns."
        facts={
          bt
            ? [
                ['Mean excess per bar', formatPercent(bt.meanExcess, 4)],
                ['t statistic', p(bt.tStatistic)],
                ['p-value (t)', p(bt.pValue)],
                ['p-value (bootstrap)', p(bt.bootstrapPValue)],
              ]
            : []
        }
      />
      <SafeguardCard
        title="Out of sample"
        verdict={oos ? outOfSampleVerdict(oos) : efficiencyVerdict(wfe)}
        explain={
          oos || wfe !== null
            ? 'How the chosen sets did on bars they were not chosen on. Walk-forward efficiency is the out-of-sample annualized return over the in-sample one (Pardo: 0.5 or more holds up).'
            : 'Run a walk-forward analysis to see how the chosen sets do on bars they were not chosen on.'
        }
        facts={[
          ...(oos
            ? ([
                ['Sharpe in / out of sample', `${p(oos.sharpe.inSample)} / ${p(oos.sharpe.outOfSample)}`],
                ['CAGR in / out of sample', `${formatPercent(oos.cagr.inSample)} / ${formatPercent(oos.cagr.outOfSample)}`],
              ] as [string, string][])
            : []),
          ['Walk-forward efficiency', p(wfe)],
        ]}
      />
    </SimpleGrid>
  );
}
