import { Input, SegmentedControl, Select, SimpleGrid, Stack, Switch } from '@mantine/core';
import { DATE_FORMATS, DELIMITERS, IMPORT_KINDS } from '../../src-shared/domain/import.ts';
import { STANDARD_TIMEFRAMES } from '../../src-shared/domain/timeframe.ts';
import type { ImportDraft } from './draft.ts';
import type { DraftErrors } from './draft-validate.ts';
import { DATE_FORMAT_LABELS, DELIMITER_LABELS, KIND_LABELS, timeZones } from './labels.ts';

interface Props {
  draft: ImportDraft;
  errors: DraftErrors;
  detectedTimeframe: string | null;
  update<K extends keyof ImportDraft>(key: K, value: ImportDraft[K]): void;
}

/** How to read the file: kind of rows, separators, dates, clock zone and bar timeframe. */
export function ParseOptionsForm({ draft, errors, detectedTimeframe, update }: Props) {
  const timeframes = [...new Set<string>([...STANDARD_TIMEFRAMES, detectedTimeframe ?? '1d', draft.timeframe])];
  const zones = timeZones().includes(draft.timeZone) ? timeZones() : [draft.timeZone, ...timeZones()];
  const epoch = draft.dateFormat.startsWith('unix');
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Input.Wrapper label="Rows are">
          <SegmentedControl
            fullWidth
            data={IMPORT_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
            value={draft.kind}
            onChange={(value) => update('kind', value as ImportDraft['kind'])}
          />
        </Input.Wrapper>
        <Input.Wrapper label="Delimiter">
          <SegmentedControl
            fullWidth
            data={DELIMITERS.map((d) => ({ value: d, label: DELIMITER_LABELS[d] }))}
            value={draft.delimiter}
            onChange={(value) => update('delimiter', value as ImportDraft['delimiter'])}
          />
        </Input.Wrapper>
        <Stack gap={6} justify="flex-end">
          <Switch label="First row is a header" checked={draft.hasHeader} onChange={(e) => update('hasHeader', e.currentTarget.checked)} />
          <Switch
            label="Decimal comma (1,2345)"
            checked={draft.decimalComma}
            onChange={(e) => update('decimalComma', e.currentTarget.checked)}
          />
        </Stack>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label="Date format"
          data={DATE_FORMATS.map((f) => ({ value: f, label: DATE_FORMAT_LABELS[f] }))}
          value={draft.dateFormat}
          onChange={(value) => value && update('dateFormat', value as ImportDraft['dateFormat'])}
          allowDeselect={false}
        />
        <Select
          label="Time zone of the file"
          description={epoch ? 'Epoch timestamps are UTC; the zone is ignored' : 'Date-only rows ignore the time zone'}
          data={zones}
          value={draft.timeZone}
          onChange={(value) => value && update('timeZone', value)}
          searchable
          allowDeselect={false}
          nothingFoundMessage="No such time zone"
          limit={200}
          error={errors.timeZone}
        />
        <Select
          label="Timeframe"
          description={
            draft.kind === 'bars'
              ? detectedTimeframe
                ? `Detected from the file: ${detectedTimeframe}`
                : 'Could not be measured from the sample'
              : `${KIND_LABELS[draft.kind]} are aggregated into bars of this length`
          }
          data={timeframes}
          value={draft.timeframe}
          onChange={(value) => value && update('timeframe', value)}
          searchable
          allowDeselect={false}
          error={errors.timeframe}
        />
      </SimpleGrid>
    </Stack>
  );
}
