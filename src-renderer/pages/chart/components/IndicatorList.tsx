import { ActionIcon, Box, ColorSwatch, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconEye, IconEyeOff, IconPencil, IconTrash } from '@tabler/icons-react';
import type { ChartIndicator } from '../../../../src-shared/domain/chart.ts';
import type { IndicatorView } from '../controller/indicator-series.ts';
import { PanelSection } from './PanelSection.tsx';

interface Props {
  indicators: readonly ChartIndicator[];
  views: readonly IndicatorView[];
  onEdit(key: string): void;
  onRemove(key: string): void;
  onToggle(key: string): void;
}

/** The indicators on the chart: edit, show/hide, remove. */
export function IndicatorList({ indicators, views, onEdit, onRemove, onToggle }: Props) {
  const byKey = new Map(views.map((v) => [v.key, v]));
  return (
    <PanelSection title="Indicators" label="Indicators on the chart">
      {indicators.length === 0 && (
        <Text size="xs" c="dimmed">
          None yet — use Add indicator.
        </Text>
      )}
      <Stack gap={2}>
        {indicators.map((i) => {
          const view = byKey.get(i.key);
          const label = view?.label ?? i.config.id;
          return (
            <Group key={i.key} gap={4} wrap="nowrap" justify="space-between" opacity={i.visible ? 1 : 0.55} data-testid="indicator-row">
              <Group gap={6} wrap="nowrap" miw={0}>
                <Group gap={2} wrap="nowrap">
                  {(view?.outputs ?? []).slice(0, 3).map((o) => (
                    <ColorSwatch key={o.id} color={o.color} size={9} withShadow={false} />
                  ))}
                </Group>
                <Box miw={0}>
                  <Text size="xs" fw={500} truncate title={label}>
                    {label}
                  </Text>
                  <Text size="10px" c="dimmed">
                    {i.pane === 0 ? 'price pane' : `pane ${i.pane}`}
                    {view ? '' : ' · not in the catalogue'}
                  </Text>
                </Box>
              </Group>
              <Group gap={0} wrap="nowrap">
                <Tooltip label={i.visible ? 'Hide' : 'Show'}>
                  <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`${i.visible ? 'Hide' : 'Show'} ${label}`} onClick={() => onToggle(i.key)}>
                    {i.visible ? <IconEye size={14} /> : <IconEyeOff size={14} />}
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Parameters and colours">
                  <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`Edit ${label}`} onClick={() => onEdit(i.key)} disabled={!view}>
                    <IconPencil size={14} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Remove">
                  <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Remove ${label}`} onClick={() => onRemove(i.key)}>
                    <IconTrash size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          );
        })}
      </Stack>
    </PanelSection>
  );
}
