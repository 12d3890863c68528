import { Button, Collapse, Divider, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { ImportPreview } from '../../src-shared/contract/import.contract.ts';
import { DetectionSummary } from './DetectionSummary.tsx';
import { draftFromDetection, type ImportDraft } from './draft.ts';
import { toStartInput, validateDraft, type StartInput } from './draft-validate.ts';
import { InstrumentForm } from './InstrumentForm.tsx';
import { MappingEditor } from './MappingEditor.tsx';
import { ParseOptionsForm } from './ParseOptionsForm.tsx';
import { SampleTable } from './SampleTable.tsx';

/** Below this confidence the user confirms the column mapping (it opens expanded). */
const SURE = 0.8;

interface Props {
  preview: ImportPreview;
  starting: boolean;
  onStart(input: StartInput): void;
  onCancel(): void;
}

export function PreviewStep({ preview, starting, onStart, onCancel }: Props) {
  const { detection } = preview;
  const [draft, setDraft] = useState<ImportDraft>(() => draftFromDetection(detection));
  const [checked, setChecked] = useState(false);
  const [mappingOpen, setMappingOpen] = useState(detection.confidence < SURE || detection.options === null);
  const errors = checked ? validateDraft(draft) : {};
  const errorCount = Object.keys(errors).length;

  const update = <K extends keyof ImportDraft>(key: K, value: ImportDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = () => {
    const found = validateDraft(draft);
    setChecked(true);
    if (Object.keys(found).some((key) => key.startsWith('mapping.'))) setMappingOpen(true);
    if (Object.keys(found).length === 0) onStart(toStartInput(preview.stagedId, draft));
  };

  return (
    <Stack gap="md">
      <DetectionSummary preview={preview} />
      <SampleTable detection={detection} mapping={draft.mapping} />

      <div>
        <UnstyledButton onClick={() => setMappingOpen((o) => !o)} aria-expanded={mappingOpen}>
          <Group gap={4}>
            {mappingOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
            <Text fw={600}>Column mapping</Text>
            {!mappingOpen && (
              <Text size="sm" c="dimmed">
                — detected automatically; open to change
              </Text>
            )}
          </Group>
        </UnstyledButton>
        <Collapse expanded={mappingOpen}>
          <div style={{ paddingTop: 'var(--mantine-spacing-sm)' }}>
            <MappingEditor
              columns={detection.columns}
              mapping={draft.mapping}
              kind={draft.kind}
              errors={errors}
              onChange={(role, column) => update('mapping', { ...draft.mapping, [role]: column })}
            />
          </div>
        </Collapse>
      </div>

      <Divider label="Reading the file" labelPosition="left" />
      <ParseOptionsForm draft={draft} errors={errors} detectedTimeframe={detection.detectedTimeframe} update={update} />

      <Divider label="Instrument" labelPosition="left" />
      <InstrumentForm draft={draft} errors={errors} update={update} />

      <Group justify="flex-end" gap="sm" mt="sm">
        {errorCount > 0 && (
          <Text size="sm" c="red" role="alert" mr="auto">
            Fix the {errorCount === 1 ? 'highlighted field' : `${errorCount} highlighted fields`} to import.
          </Text>
        )}
        <Button variant="default" onClick={onCancel} disabled={starting}>
          Cancel
        </Button>
        <Button onClick={submit} loading={starting}>
          Import
        </Button>
      </Group>
    </Stack>
  );
}
