import { Badge, Box, Group, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { INDICATOR_GROUPS, type IndicatorDescriptor } from '../../../../src-shared/domain/indicator.ts';
import { shortName } from '../layout/indicator-label.ts';
import { displayName } from '../layout/indicator-names.ts';

interface Props {
  opened: boolean;
  catalogue: readonly IndicatorDescriptor[];
  onClose(): void;
  onPick(descriptor: IndicatorDescriptor): void;
}

const GROUP_LABELS: Record<string, string> = {
  trend: 'Trend',
  momentum: 'Momentum',
  volatility: 'Volatility',
  volume: 'Volume',
  bands: 'Bands and channels',
  pattern: 'Candlestick patterns',
  other: 'Other',
};

/** Words of the query all found in the name, short name, id, group or description. */
function matches(d: IndicatorDescriptor, words: string[]): boolean {
  const text = `${displayName(d)} ${d.name} ${shortName(d, d.id)} ${d.id} ${d.group} ${d.description}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The catalogue, searchable and grouped; picking one adds it with its default parameters. */
export function IndicatorPicker({ opened, catalogue, onClose, onPick }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const groups = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const found = catalogue.filter((d) => matches(d, words));
    return INDICATOR_GROUPS.map((g) => ({ group: g, items: found.filter((d) => d.group === g).sort((a, b) => displayName(a).localeCompare(displayName(b))) })).filter(
      (g) => g.items.length > 0,
    );
  }, [catalogue, query]);
  const flat = groups.flatMap((g) => g.items);
  const activeId = flat[active]?.id;
  useEffect(() => {
    if (activeId) document.getElementById(`indicator-option-${activeId}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const pick = (d: IndicatorDescriptor | undefined) => {
    if (!d) return;
    onPick(d);
    setQuery('');
    setActive(0);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(flat.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') pick(flat[active]);
    else return;
    e.preventDefault();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Add indicator" size="lg" padding="md">
      <TextInput
        label="Search indicators"
        placeholder="Name, abbreviation or kind — e.g. RSI, bands, volume"
        leftSection={<IconSearch size={16} />}
        value={query}
        onChange={(e) => (setQuery(e.currentTarget.value), setActive(0))}
        onKeyDown={onKey}
        data-autofocus
        aria-controls="indicator-options"
        aria-activedescendant={flat[active] ? `indicator-option-${flat[active]!.id}` : undefined}
      />
      <Box mah="60vh" mt="sm" style={{ overflowY: 'auto', overscrollBehavior: 'contain' }}>
        <Box role="listbox" id="indicator-options" aria-label="Indicators">
          {groups.length === 0 && (
            <Text c="dimmed" size="sm" p="md">
              No indicator matches “{query}”.
            </Text>
          )}
          {groups.map((g) => (
            <Stack key={g.group} gap={2} mb="sm" role="group" aria-label={GROUP_LABELS[g.group]}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs">
                {GROUP_LABELS[g.group] ?? g.group}
              </Text>
              {g.items.map((d) => {
                const selected = flat[active]?.id === d.id;
                return (
                  <UnstyledButton
                    key={d.id}
                    id={`indicator-option-${d.id}`}
                    role="option"
                    aria-selected={selected}
                    aria-label={displayName(d)}
                    onClick={() => pick(d)}
                    onMouseEnter={() => setActive(flat.indexOf(d))}
                    px="xs"
                    py={6}
                    w="100%"
                    style={{
                      borderRadius: 'var(--mantine-radius-sm)',
                      background: selected ? 'var(--mantine-color-default-hover)' : undefined,
                    }}
                  >
                    <div style={{ display: 'flex', alignItems: 'center', gap: 12, minWidth: 0 }}>
                      <div style={{ flex: 1, minWidth: 0 }}>
                        <Text size="sm" fw={500} truncate>
                          {displayName(d)}
                        </Text>
                        <Text size="xs" c="dimmed" truncate>
                          {d.description}
                        </Text>
                      </div>
                      <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                        <Badge size="xs" variant="outline" color="gray">
                          {shortName(d, d.id)}
                        </Badge>
                        <Badge size="xs" variant="light" color={d.placement === 'overlay' ? 'blue' : 'grape'}>
                          {d.placement === 'overlay' ? 'on price' : 'own pane'}
                        </Badge>
                      </Group>
                    </div>
                  </UnstyledButton>
                );
              })}
            </Stack>
          ))}
        </Box>
      </Box>
    </Modal>
  );
}
