// The thresholds are part of the contract (the Data Quality page edits them), so they live in src-shared.
export { DEFAULT_QUALITY_CONFIG, QualityConfigSchema, resolveQualityConfig, type QualityConfig, type QualityConfigInput } from '../../src-shared/domain/quality.ts';
