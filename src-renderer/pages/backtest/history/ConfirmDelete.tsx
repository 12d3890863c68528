import { Button, Group, Modal, Stack, Text } from '@mantine/core';

interface Props {
  /** What is about to be deleted, in a sentence; null when nothing is. */
  what: string | null;
  onCancel(): void;
  onConfirm(): void;
  title?: string;
  /** What deleting removes, and what it does not. */
  consequence?: string;
}

const RUN_CONSEQUENCE = 'Its fills, trades and curves are removed from the workspace; the run can be made again from the same setup.';

/** A saved run is results a trader may rely on: deleting one asks first. */
export function ConfirmDelete({ what, onCancel, onConfirm, title = 'Delete this run?', consequence = RUN_CONSEQUENCE }: Props) {
  return (
    <Modal opened={what !== null} onClose={onCancel} title={title} size="sm">
      <Stack gap="sm">
        <Text size="sm">
          {what} {consequence}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Keep
          </Button>
          <Button color="red" onClick={onConfirm}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
