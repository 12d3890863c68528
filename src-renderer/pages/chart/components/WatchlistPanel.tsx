import { ActionIcon, Badge, Button, Group, Popover, Select, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconPlus, IconStar, IconStarOff, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { DEMO_SOURCE, type Instrument } from '../../../../src-shared/domain/instrument.ts';
import { useClient, useQuery } from '../../../client/hooks.ts';
import { PanelSection } from './PanelSection.tsx';

interface Props {
  instruments: readonly Instrument[];
  current: Instrument | undefined;
  onOpen(instrumentId: number): void;
}

/** Watchlists of the workspace: pick one, add or remove the chart's symbol, click a symbol to open it. */
export function WatchlistPanel({ instruments, current, onOpen }: Props) {
  const client = useClient();
  const { data: lists = [], refetch } = useQuery('watchlists.list', {}, { refetchOn: ['watchlists.changed'] });
  const [chosen, setChosen] = useLocalStorage<number | null>({ key: 'candlewick.chart.watchlist', defaultValue: null });
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const list = lists.find((l) => l.id === chosen) ?? lists[0];
  const byId = new Map(instruments.map((i) => [i.id, i]));
  const contains = !!(list && current && list.instrumentIds.includes(current.id));

  const save = async (ids: number[]) => {
    if (!list) return;
    await client.call('watchlists.save', { id: list.id, name: list.name, instrumentIds: ids }).catch(() => undefined);
    refetch();
  };
  const create = async () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const saved = await client
      .call('watchlists.save', { name: trimmed, instrumentIds: current ? [current.id] : [] })
      .catch(() => null);
    if (saved) setChosen(saved.id);
    setCreating(false);
    setName('');
    refetch();
  };
  const remove = async () => {
    if (!list) return;
    await client.call('watchlists.remove', { id: list.id }).catch(() => undefined);
    setChosen(null);
    refetch();
  };

  const createButton = (
    <Popover opened={creating} onChange={setCreating} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Tooltip label="New watchlist">
          <ActionIcon size="sm" variant="subtle" aria-label="New watchlist" onClick={() => setCreating((o) => !o)}>
            <IconPlus size={14} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <Group gap={6} align="flex-end">
            <TextInput size="xs" label="Watchlist name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={60} data-autofocus />
            <Button size="xs" type="submit" disabled={!name.trim()}>
              Create
            </Button>
          </Group>
        </form>
      </Popover.Dropdown>
    </Popover>
  );

  return (
    <PanelSection title="Watchlists" label="Watchlists" action={createButton}>
      {lists.length === 0 ? (
        <Text size="xs" c="dimmed">
          No watchlist yet — create one with +.
        </Text>
      ) : (
        <Stack gap={6}>
          <Group gap={4} wrap="nowrap">
            <Select
              size="xs"
              aria-label="Watchlist"
              data={lists.map((l) => ({ value: String(l.id), label: l.name }))}
              value={list ? String(list.id) : null}
              onChange={(v) => v && setChosen(Number(v))}
              allowDeselect={false}
              flex={1}
            />
            <Tooltip label="Delete this watchlist">
              <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Delete watchlist ${list?.name ?? ''}`} onClick={() => void remove()}>
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          </Group>
          {current && list && (
            <Button
              size="compact-xs"
              variant="light"
              color={contains ? 'gray' : undefined}
              leftSection={contains ? <IconStarOff size={12} /> : <IconStar size={12} />}
              onClick={() => void save(contains ? list.instrumentIds.filter((id) => id !== current.id) : [...list.instrumentIds, current.id])}
            >
              {contains ? `Remove ${current.symbol}` : `Add ${current.symbol}`}
            </Button>
          )}
          <Stack gap={0} role="list" aria-label={`Instruments in ${list?.name ?? 'watchlist'}`}>
            {list?.instrumentIds.length === 0 && (
              <Text size="xs" c="dimmed">
                Empty.
              </Text>
            )}
            {list?.instrumentIds.map((id) => {
              const instrument = byId.get(id);
              if (!instrument) return null;
              const active = current?.id === id;
              return (
                <UnstyledButton
                  key={id}
                  role="listitem"
                  onClick={() => onOpen(id)}
                  px={6}
                  py={3}
                  aria-current={active ? 'true' : undefined}
                  style={{ borderRadius: 4, background: active ? 'var(--mantine-color-default-hover)' : undefined }}
                >
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="xs" fw={active ? 700 : 500}>
                      {instrument.symbol}
                    </Text>
                    {instrument.source === DEMO_SOURCE ? (
                      <Badge size="xs" color="orange" variant="light">
                        demo
                      </Badge>
                    ) : (
                      <Text size="10px" c="dimmed">
                        {instrument.venue || instrument.source}
                      </Text>
                    )}
                  </Group>
                </UnstyledButton>
              );
            })}
          </Stack>
        </Stack>
      )}
    </PanelSection>
  );
}
