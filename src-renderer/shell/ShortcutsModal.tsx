import { Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { keyLabels, SHORTCUTS } from './shortcuts.ts';

export function ShortcutsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="md">
      <Table verticalSpacing="xs">
        <Table.Tbody>
          {SHORTCUTS.filter((s) => s.keys !== 'shift+?').map((shortcut) => (
            <Table.Tr key={shortcut.keys}>
              <Table.Td>{shortcut.label}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {keyLabels(shortcut.keys).map((key) => (
                    <Kbd key={key}>{key}</Kbd>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="sm">
        Press <Kbd>?</Kbd> anywhere (outside a text field) to open this list.
      </Text>
    </Modal>
  );
}
