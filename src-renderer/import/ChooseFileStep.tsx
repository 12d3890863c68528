import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { FileDropZone } from '../ui/FileDropZone.tsx';

interface Props {
  error: string | null;
  /** Name of the file being read and uploaded, while it is. */
  reading: string | null;
  onFile(file: File): void;
}

export function ChooseFileStep({ error, reading, onFile }: Props) {
  return (
    <Stack>
      {error && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="This file cannot be imported" role="alert">
          {error}
        </Alert>
      )}
      {reading ? (
        <Center mih={220}>
          <Stack align="center" gap="xs">
            <Loader />
            <Text>Reading {reading} and detecting its format…</Text>
          </Stack>
        </Center>
      ) : (
        <FileDropZone onFile={onFile} inputLabel="CSV file" />
      )}
    </Stack>
  );
}
