import { ActionIcon, Button, Divider, Group, Popover, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconTemplate, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChartIndicator } from '../../../../src-shared/domain/chart.ts';
import { useClient, useQuery } from '../../../client/hooks.ts';
import { notifySuccess } from '../../../shell/notify-error.ts';

interface Props {
  indicators: readonly ChartIndicator[];
  onApply(indicators: readonly ChartIndicator[]): void;
}

/** Named indicator sets: apply one, or save the chart's indicators under a name. */
export function PresetsMenu({ indicators, onApply }: Props) {
  const client = useClient();
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const { data: presets = [], refetch } = useQuery('presets.list', {}, { refetchOn: ['presets.changed'], enabled: opened });

  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const saved = await client.call('presets.save', { name: trimmed, indicators: [...indicators] }).catch(() => null);
    if (saved) notifySuccess('Preset saved', `“${saved.name}” holds ${saved.indicators.length} indicators`);
    setName('');
    refetch();
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom" withArrow width={280} trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconTemplate size={14} />} onClick={() => setOpened((o) => !o)}>
          Presets
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4}>
          {presets.length === 0 && (
            <Text size="xs" c="dimmed">
              No preset saved yet.
            </Text>
          )}
          {presets.map((p) => (
            <Group key={p.name} justify="space-between" wrap="nowrap" gap={4}>
              <UnstyledButton
                onClick={() => (onApply(p.indicators), setOpened(false))}
                aria-label={`Apply preset ${p.name}`}
                px={6}
                py={4}
                style={{ borderRadius: 4, flex: 1 }}
              >
                <Text size="sm">{p.name}</Text>
                <Text size="10px" c="dimmed">
                  {p.indicators.length} indicators
                </Text>
              </UnstyledButton>
              <Tooltip label="Delete preset">
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="red"
                  aria-label={`Delete preset ${p.name}`}
                  onClick={() => void client.call('presets.remove', { name: p.name }).then(refetch, () => undefined)}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
          <Divider my={4} />
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Group gap={6} align="flex-end" wrap="nowrap">
              <TextInput size="xs" label="Save indicators as" placeholder="Preset name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={60} flex={1} />
              <Button size="xs" type="submit" disabled={!name.trim() || indicators.length === 0}>
                Save
              </Button>
            </Group>
          </form>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
