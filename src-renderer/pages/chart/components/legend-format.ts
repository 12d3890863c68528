/** Decimals that show a price to its tick: 0.01 → 2, 0.0001 → 4, 0.25 → 2. */
export function tickDecimals(tickSize: number): number {
  if (!(tickSize > 0)) return 2;
  const text = String(tickSize);
  const exp = /e-(\d+)$/.exec(text);
  if (exp) return Number(exp[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(8, text.length - dot - 1);
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

export function formatVolume(v: number): string {
  return Number.isFinite(v) ? COMPACT.format(v) : '—';
}

export function formatPrice(v: number, decimals: number): string {
  return Number.isFinite(v) ? v.toFixed(decimals) : '—';
}

/** Indicator values: the price's decimals over the price, and enough digits for small oscillator values. */
export function formatValue(v: number, decimals: number, overlay: boolean): string {
  if (!Number.isFinite(v)) return '—';
  if (overlay) return v.toFixed(decimals);
  const abs = Math.abs(v);
  return v.toFixed(abs >= 1000 ? 0 : abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6);
}
