import { ActionIcon, Badge, Button, CloseButton, Group, NativeSelect, Paper, Progress, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconPlayerStop, IconPlayerTrackNext } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { formatBarTime, formatCount, isDailyOrLonger } from '../../../ui/format.ts';
import type { Replay } from '../replay/use-replay.ts';

const SPEEDS = [0.5, 1, 2, 5, 10, 25, 50, 100];

interface Props {
  replay: Replay;
  timeframe: string;
  /** Open time of the last bar on screen: where a replay starts by default. */
  visibleTime: number | null;
  onClose(): void;
}

/** `2004-06-29` or `2004-06-29T14:30` (UTC) for the date inputs, and back. */
function toInput(ms: number | null, daily: boolean): string {
  if (ms === null) return '';
  const iso = new Date(ms).toISOString();
  return daily ? iso.slice(0, 10) : iso.slice(0, 16);
}

function fromInput(text: string, daily: boolean): number | null {
  if (!text) return null;
  const ms = Date.parse(daily ? `${text}T00:00:00Z` : `${text}:00Z`);
  return Number.isFinite(ms) ? ms : null;
}

/** Replay controls under the chart: set up and start, then play/pause, step, jump, speed and progress. */
export function ReplayBar({ replay, timeframe, visibleTime, onClose }: Props) {
  const daily = isDailyOrLonger(timeframe);
  const [from, setFrom] = useState(() => toInput(visibleTime, daily));
  const [jump, setJump] = useState('');
  const [speed, setSpeed] = useState('5');
  const [micro, setMicro] = useState(false);
  const s = replay.state;

  useEffect(() => {
    if (!s) setFrom(toInput(visibleTime, daily));
    // Only when the bar opens or the timeframe changes, not while the user scrolls.
  }, [daily]);

  const dateInput = (label: string, value: string, onChange: (v: string) => void) => (
    <TextInput
      size="xs"
      aria-label={label}
      type={daily ? 'date' : 'datetime-local'}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={daily ? 140 : 190}
      rightSection={<Text size="10px" c="dimmed">UTC</Text>}
      rightSectionWidth={32}
    />
  );

  return (
    <Paper withBorder px="sm" py={6} radius="sm" role="region" aria-label="Bar replay">
      <Group gap="sm" wrap="nowrap">
        <Badge color="orange" variant="light" size="sm">
          Replay
        </Badge>
        {!s ? (
          <>
            <Text size="xs" c="dimmed">
              from
            </Text>
            {dateInput('Replay from', from, setFrom)}
            <Button
              size="xs"
              variant="default"
              onClick={() => setFrom(toInput(visibleTime, daily))}
              disabled={visibleTime === null}
            >
              Visible time
            </Button>
            <Button
              size="xs"
              color="orange"
              leftSection={<IconPlayerPlay size={14} />}
              loading={replay.starting}
              disabled={fromInput(from, daily) === null}
              onClick={() => void replay.start({ from: fromInput(from, daily)!, speed: Number(speed), microCandles: micro })}
            >
              Start replay
            </Button>
          </>
        ) : (
          <>
            <Tooltip label={s.state === 'playing' ? 'Pause (Space)' : 'Play (Space)'}>
              <ActionIcon
                size="md"
                variant="filled"
                color="orange"
                aria-label={s.state === 'playing' ? 'Pause' : 'Play'}
                onClick={replay.togglePlay}
                disabled={s.state === 'ended'}
              >
                {s.state === 'playing' ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Step one bar (→)">
              <ActionIcon size="md" variant="default" aria-label="Step" onClick={replay.step} disabled={s.state === 'ended'}>
                <IconPlayerTrackNext size={16} />
              </ActionIcon>
            </Tooltip>
            {dateInput('Jump to', jump, setJump)}
            <Button size="xs" variant="default" disabled={fromInput(jump, daily) === null} onClick={() => replay.seek(fromInput(jump, daily)!)}>
              Jump
            </Button>
          </>
        )}
        <NativeSelect
          size="xs"
          aria-label="Replay speed"
          w={120}
          data={SPEEDS.map((v) => ({ value: String(v), label: `${v}× bars/s` }))}
          value={s ? String(s.speed) : speed}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setSpeed(v);
            if (s) replay.setSpeed(Number(v));
          }}
        />
        <Switch
          size="xs"
          label="Micro-candles"
          checked={s ? s.microCandles : micro}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setMicro(on);
            if (s) replay.setMicroCandles(on);
          }}
        />
        {s && (
          <Group gap={8} wrap="nowrap" flex={1} miw={160}>
            <Progress
              value={s.total ? (s.index / s.total) * 100 : 0}
              color="orange"
              size="sm"
              flex={1}
              aria-label="Replay progress"
              transitionDuration={0}
            />
            <Text size="xs" ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="replay-progress">
              {formatCount(s.index)} / {formatCount(s.total)} · {formatBarTime(s.currentTime, timeframe)} · {s.state}
            </Text>
          </Group>
        )}
        <Group gap={4} ml="auto" wrap="nowrap">
          {s && (
            <Button size="xs" variant="default" color="red" leftSection={<IconPlayerStop size={14} />} onClick={() => void replay.stop()}>
              Stop replay
            </Button>
          )}
          <CloseButton size="sm" aria-label="Close replay" onClick={onClose} />
        </Group>
      </Group>
    </Paper>
  );
}
