import { ActionIcon, Button, ColorSwatch, Group, NumberInput, Popover, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconLineDashed, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { PriceLine } from '../layout/layout-model.ts';
import { PanelSection } from './PanelSection.tsx';

const LINE_COLORS = ['#f59f00', '#2962ff', '#e64980', '#12b886', '#868e96'];

interface AddProps {
  /** Price offered by default (the last close). */
  suggested: number | null;
  decimals: number;
  onAdd(line: PriceLine): void;
}

/** "Price line" in the toolbar: a price (the last close by default), a label and a colour. */
export function AddPriceLine({ suggested, decimals, onAdd }: AddProps) {
  const [opened, setOpened] = useState(false);
  const [price, setPrice] = useState<number | string>('');
  const [title, setTitle] = useState('');
  const [color, setColor] = useState(LINE_COLORS[0]!);
  const open = () => {
    setPrice(suggested !== null ? Number(suggested.toFixed(decimals)) : '');
    setOpened((o) => !o);
  };
  const add = () => {
    if (typeof price !== 'number' || !Number.isFinite(price)) return;
    onAdd({ price, title: title.trim().slice(0, 40), color });
    setOpened(false);
    setTitle('');
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom" withArrow trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconLineDashed size={14} />} onClick={open}>
          Price line
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <Stack gap="xs" w={220}>
            <NumberInput size="xs" label="Price" value={price} onChange={setPrice} decimalScale={Math.max(decimals, 2)} data-autofocus />
            <TextInput size="xs" label="Label" value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={40} placeholder="optional" />
            <Group gap={6} role="radiogroup" aria-label="Line colour">
              {LINE_COLORS.map((c) => (
                <ColorSwatch
                  key={c}
                  component="button"
                  type="button"
                  color={c}
                  size={20}
                  role="radio"
                  aria-checked={c === color}
                  aria-label={c}
                  onClick={() => setColor(c)}
                  style={{ cursor: 'pointer', outline: c === color ? '2px solid var(--mantine-color-text)' : undefined, outlineOffset: 1 }}
                />
              ))}
            </Group>
            <Button size="xs" type="submit" disabled={typeof price !== 'number'}>
              Add line
            </Button>
            <Text size="10px" c="dimmed">
              Tip: Alt+click on the chart adds a line at that price.
            </Text>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

interface ListProps {
  lines: readonly PriceLine[];
  decimals: number;
  onRemove(index: number): void;
}

export function PriceLineList({ lines, decimals, onRemove }: ListProps) {
  if (lines.length === 0) return null;
  return (
    <PanelSection title="Price lines" label="Price lines">
      <Stack gap={2}>
        {lines.map((line, i) => (
          <Group key={`${line.price}-${i}`} justify="space-between" wrap="nowrap" gap={4}>
            <Group gap={6} wrap="nowrap" miw={0}>
              <ColorSwatch color={line.color} size={9} withShadow={false} />
              <Text size="xs" ff="monospace">
                {line.price.toFixed(decimals)}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {line.title}
              </Text>
            </Group>
            <Tooltip label="Remove line">
              <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Remove price line ${line.price.toFixed(decimals)}`} onClick={() => onRemove(i)}>
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
      </Stack>
    </PanelSection>
  );
}
