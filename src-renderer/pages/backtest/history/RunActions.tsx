import { ActionIcon, Group, Table, Tooltip } from '@mantine/core';
import { IconRefresh, IconTrash } from '@tabler/icons-react';

/** The last cell of a history row: re-run and delete, without also selecting the row. */
export function RunActions({ runId, onRerun, onDelete }: { runId: string; onRerun(): void; onDelete(): void }) {
  return (
    <Table.Td onClick={(e) => e.stopPropagation()}>
      <Group gap={2} wrap="nowrap" justify="flex-end">
        <Tooltip label="Re-run with exactly these inputs">
          <ActionIcon size="sm" variant="subtle" onClick={onRerun} aria-label={`Re-run ${runId}`}>
            <IconRefresh size={14} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Delete this run">
          <ActionIcon size="sm" variant="subtle" color="red" onClick={onDelete} aria-label={`Delete ${runId}`}>
            <IconTrash size={14} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Table.Td>
  );
}
