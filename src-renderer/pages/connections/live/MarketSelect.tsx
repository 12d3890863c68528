import { Loader, Select } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import type { SourceKind } from '../../../../src-shared/domain/connection.ts';
import { marketOptions, marketsNote, nothingFoundMessage, pickerPlaceholder, searchesOnly } from './market-picker.ts';
import { useMarketSearch } from './use-market-search.ts';

interface Props {
  connectionId: string | null;
  /** The connection's kind: how its symbols are spelled, and whether it only searches (Yahoo, IB). */
  kind?: SourceKind;
  value: string;
  onChange(symbol: string): void;
  label?: string;
  error?: string;
  /** False inside a popover, so picking an option does not count as a click outside it. */
  withinPortal?: boolean;
}

/**
 * A symbol picked from what the venue lists: the typed text is sent to `connections.markets` (the
 * venue filters, so the select does not filter again), and a symbol the venue did not list can
 * still be taken as typed — the core says clearly if the venue does not know it.
 */
export function MarketSelect({ connectionId, kind, value, onChange, label = 'Symbol', error, withinPortal = true }: Props) {
  const [search, setSearch] = useState(value);
  // Picking an option writes its label into the box; search for its symbol, not for the label.
  const labels = useRef(new Map<string, string>());
  const query = labels.current.get(search) ?? search;
  const found = useMarketSearch(connectionId, query, searchesOnly(kind));
  const options = useMemo(() => {
    const list = marketOptions(found.markets, query, kind);
    // The chosen symbol reads as itself, also when it was taken as typed.
    const chosen = list.findIndex((o) => o.value === value);
    if (value && chosen < 0) list.unshift({ value, label: value });
    else if (value && list[chosen]!.label.endsWith('(as typed)')) list[chosen] = { value, label: value };
    return list;
  }, [found.markets, query, value, kind]);
  labels.current = new Map(options.map((o) => [o.label, o.value]));
  const note = found.failure ?? marketsNote(found.markets.length, found.total);

  return (
    <Select
      label={label}
      aria-label={label}
      placeholder={pickerPlaceholder(kind, connectionId !== null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      filter={({ options: all }) => all}
      nothingFoundMessage={nothingFoundMessage(kind, query, found.loading)}
      rightSection={found.loading ? <Loader size={14} /> : undefined}
      description={note ?? undefined}
      error={error}
      disabled={!connectionId}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal }}
    />
  );
}
