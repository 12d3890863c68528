// Data quality (SPEC S9): rules over bar columns, gaps against a caller's calendar, an isolation
// forest on bar features and a 0..100 score. Pure: no I/O, no storage decisions.
export { checkBars, type CheckBarsOptions, type QualityReport } from './check-bars.ts';
export { DEFAULT_QUALITY_CONFIG, QualityConfigSchema, resolveQualityConfig, type QualityConfig, type QualityConfigInput } from './quality-config.ts';
export { formatBarTime, QUALITY_RULES, type QualityFinding, type QualityRule, type Severity } from './finding.ts';
export { findGaps, type ExpectedBars, type GapReport } from './gaps.ts';
export { averagePathLength, IsolationForest, type IsolationForestOptions } from './isolation-forest.ts';
export { BAR_FEATURE_NAMES, barFeatures, type BarFeatures } from './bar-features.ts';
export { anomalyFindings, barAnomalyScores, DEFAULT_ANOMALY_THRESHOLD } from './bar-anomalies.ts';
export { qualityByPeriod, qualityCounts, qualityScore, QualityScoreWeightsSchema, type PeriodQuality, type QualityCounts } from './quality-score.ts';
