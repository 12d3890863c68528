import { Badge, Combobox, Group, InputBase, ScrollArea, Text, useCombobox } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState, type Ref } from 'react';
import { DEMO_SOURCE, type Instrument } from '../../../../src-shared/domain/instrument.ts';
import { formatCount } from '../../../ui/format.ts';
import { groupBySource, sourceLabel, totalBars } from '../../data/group-instruments.ts';

interface Props {
  instruments: readonly Instrument[];
  value: number | null;
  onChange(instrumentId: number): void;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * The instrument picker: type to search, symbols grouped by data source, generated demo data
 * labelled as such. Built on Combobox so that only the input is labelled "Symbol".
 */
export function SymbolSelect({ instruments, value, onChange, inputRef }: Props) {
  const combobox = useCombobox({ onDropdownClose: () => (combobox.resetSelectedOption(), setSearch(null)) });
  const [search, setSearch] = useState<string | null>(null);
  const current = instruments.find((i) => i.id === value);
  const groups = useMemo(() => {
    const q = (search ?? '').trim().toLowerCase();
    return groupBySource(instruments)
      .map((g) => ({ ...g, instruments: g.instruments.filter((i) => !q || i.symbol.toLowerCase().includes(q) || i.venue.toLowerCase().includes(q)) }))
      .filter((g) => g.instruments.length > 0);
  }, [instruments, search]);

  const pick = (id: string) => {
    onChange(Number(id));
    combobox.closeDropdown();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} width={340} position="bottom-start" keepMounted={false}>
      <Combobox.Target>
        <InputBase
          ref={inputRef}
          aria-label="Symbol"
          size="xs"
          w={170}
          leftSection={<IconSearch size={14} />}
          rightSection={<Combobox.Chevron />}
          rightSectionPointerEvents="none"
          placeholder="Symbol"
          value={search ?? current?.symbol ?? ''}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
            requestAnimationFrame(() => combobox.selectFirstOption());
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={(e) => {
            e.currentTarget.select();
            combobox.openDropdown();
          }}
          onBlur={() => combobox.closeDropdown()}
          styles={{ input: { fontWeight: 600 } }}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options aria-label="Instruments">
          <ScrollArea.Autosize mah={420} type="scroll">
            {groups.length === 0 && <Combobox.Empty>No such symbol</Combobox.Empty>}
            {groups.map((g) => (
              <Combobox.Group key={g.source} label={g.source === DEMO_SOURCE ? 'Demo — generated, not real prices' : sourceLabel(g.source)}>
                {g.instruments.map((i) => (
                  <Combobox.Option key={i.id} value={String(i.id)} active={i.id === value} aria-label={i.symbol}>
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Text size="sm" fw={600}>
                        {i.symbol}
                      </Text>
                      <Group gap={6} wrap="nowrap">
                        {i.source === DEMO_SOURCE && (
                          <Badge size="xs" color="orange" variant="light">
                            demo
                          </Badge>
                        )}
                        <Text size="xs" c="dimmed">
                          {[i.venue, i.assetClass, `${formatCount(totalBars(i))} bars`].filter(Boolean).join(' · ')}
                        </Text>
                      </Group>
                    </Group>
                  </Combobox.Option>
                ))}
              </Combobox.Group>
            ))}
          </ScrollArea.Autosize>
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
