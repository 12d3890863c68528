import { Alert, Center, Loader } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ClientError } from '../../../client/client-error.ts';

/** While a saved run loads: its failure, named, or a loader. */
export function LoadState({ error }: { error: ClientError | undefined }) {
  if (error) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Could not load the run">
        {error.code}: {error.message}
      </Alert>
    );
  }
  return (
    <Center h={200}>
      <Loader size="sm" />
    </Center>
  );
}
