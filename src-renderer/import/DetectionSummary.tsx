import { Badge, Group, List, Text } from '@mantine/core';
import type { ImportPreview } from '../../src-shared/contract/import.contract.ts';
import { formatBytes } from '../ui/format.ts';
import { confidenceColor } from './labels.ts';

/** What the detector made of the file: format, how sure it is, and what it noticed. */
export function DetectionSummary({ preview }: { preview: ImportPreview }) {
  const { detection } = preview;
  const percent = Math.round(detection.confidence * 100);
  return (
    <div>
      <Group gap="sm" wrap="wrap">
        <Text fw={600}>{detection.label}</Text>
        <Badge color={confidenceColor(detection.confidence)} variant="light">
          {percent}% confidence
        </Badge>
        <Text size="sm" c="dimmed">
          {preview.fileName} · {formatBytes(preview.sizeBytes)}
          {detection.detectedTimeframe ? ` · ${detection.detectedTimeframe} bars` : ''}
        </Text>
      </Group>
      {detection.options === null && (
        <Text size="sm" c="yellow" mt={4}>
          The format was not recognised: map the columns below before importing.
        </Text>
      )}
      {detection.notes.length > 0 && (
        <List size="sm" c="dimmed" mt="xs" spacing={2}>
          {detection.notes.map((note) => (
            <List.Item key={note}>{note}</List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
