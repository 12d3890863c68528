import { Alert, Box, Button, Center, Group, Loader, Overlay, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconFileUpload, IconRefresh } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Instrument } from '../../../src-shared/domain/instrument.ts';
import { useQuery } from '../../client/hooks.ts';
import { useImportWizard } from '../../import/import-wizard-context.ts';
import { FileDropZone } from '../../ui/FileDropZone.tsx';
import { formatCount } from '../../ui/format.ts';
import { useFileDrop } from '../../ui/use-file-drop.ts';
import { DeleteInstrumentModal } from './DeleteInstrumentModal.tsx';
import { groupBySource, totalBars } from './group-instruments.ts';
import { SourceGroupCard } from './SourceGroupCard.tsx';

/** Instruments and their stored bars, grouped by source; a file dropped anywhere here is imported. */
export function DataPage() {
  const { data, error, loading, refetch } = useQuery('instruments.list', {}, { refetchOn: ['instruments.changed'] });
  const wizard = useImportWizard();
  const drop = useFileDrop((file) => wizard.open(file));
  const [toDelete, setToDelete] = useState<Instrument | null>(null);
  const groups = useMemo(() => groupBySource(data ?? []), [data]);
  const bars = useMemo(() => (data ?? []).reduce((sum, i) => sum + totalBars(i), 0), [data]);
  const empty = data !== undefined && data.length === 0;

  return (
    <Box pos="relative" mih="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))" {...drop.handlers}>
      <Group justify="space-between" mb="md" wrap="wrap">
        <div>
          <Title order={2}>Data</Title>
          {data && (
            <Text size="sm" c="dimmed">
              {formatCount(data.length)} {data.length === 1 ? 'instrument' : 'instruments'} · {formatCount(bars)} bars
            </Text>
          )}
        </div>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={refetch} loading={loading && !!data}>
            Refresh
          </Button>
          <Button leftSection={<IconFileUpload size={16} />} onClick={() => wizard.open()}>
            Import CSV
          </Button>
        </Group>
      </Group>

      {error && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not load the instruments" mb="md">
          {error.code}: {error.message}
        </Alert>
      )}
      {data === undefined && loading && (
        <Center mih={200}>
          <Loader />
        </Center>
      )}
      {empty && (
        <FileDropZone
          onFile={(file) => wizard.open(file)}
          onClick={() => wizard.open()}
          dragging={drop.dragging}
          minHeight={360}
          title="No data yet — drop a CSV file here to import it"
        />
      )}
      <Stack gap="md">
        {groups.map((group) => (
          <SourceGroupCard key={group.source} group={group} onDelete={setToDelete} />
        ))}
      </Stack>

      {drop.dragging && !empty && (
        <Overlay backgroundOpacity={0.55} blur={2} radius="md" style={{ pointerEvents: 'none' }}>
          <Center h="100%">
            <Stack align="center" gap="xs">
              <IconFileUpload size={56} stroke={1.4} color="white" />
              <Text size="xl" fw={700} c="white">
                Drop the file to import it
              </Text>
            </Stack>
          </Center>
        </Overlay>
      )}
      <DeleteInstrumentModal instrument={toDelete} onClose={() => setToDelete(null)} onDeleted={refetch} />
    </Box>
  );
}
