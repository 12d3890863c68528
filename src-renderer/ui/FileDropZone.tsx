import { Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useRef, type ChangeEvent, type CSSProperties } from 'react';
import { useFileDrop } from './use-file-drop.ts';

interface Props {
  onFile(file: File): void;
  /** With a label, clicking opens the file chooser through a hidden input carrying this label. */
  inputLabel?: string;
  /** Without `inputLabel`: what a click does instead (e.g. open the import wizard). */
  onClick?(): void;
  title?: string;
  description?: string;
  minHeight?: number;
  disabled?: boolean;
  /** Set when an enclosing element handles the drop: the zone only shows whether files hover. */
  dragging?: boolean;
}

const HIDDEN: CSSProperties = { position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden', pointerEvents: 'none' };

/** A large dashed target for dropping a file, which also opens the file chooser on click. */
export function FileDropZone(props: Props) {
  const { onFile, inputLabel, onClick, title, description, minHeight = 220, disabled } = props;
  const input = useRef<HTMLInputElement>(null);
  const own = useFileDrop((file) => !disabled && onFile(file));
  const external = props.dragging !== undefined;
  const dragging = external ? props.dragging : own.dragging;

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = ''; // choosing the same file again must fire again
    if (file) onFile(file);
  };

  const border = dragging ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)';
  return (
    <>
      <UnstyledButton
        {...(external ? {} : own.handlers)}
        disabled={disabled}
        onClick={() => (inputLabel ? input.current?.click() : onClick?.())}
        w="100%"
        p="xl"
        style={{
          minHeight,
          border: `2px dashed ${border}`,
          borderRadius: 'var(--mantine-radius-md)',
          background: dragging ? 'var(--mantine-primary-color-light)' : undefined,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          cursor: disabled ? 'wait' : 'pointer',
        }}
      >
        <Stack align="center" gap="xs" ta="center">
          <ThemeIcon size={64} radius="xl" variant="light">
            <IconFileUpload size={34} stroke={1.5} />
          </ThemeIcon>
          <Text size="lg" fw={600}>
            {dragging ? 'Drop to import' : (title ?? 'Drop a CSV file here, or click to choose one')}
          </Text>
          <Text size="sm" c="dimmed" maw={520}>
            {description ??
              'Yahoo Finance, Stooq, MetaTrader, Binance klines, TradingView or any file with a date, open, high, low, close, volume header — up to 512 MB.'}
          </Text>
        </Stack>
      </UnstyledButton>
      {inputLabel && (
        <input
          ref={input}
          type="file"
          aria-label={inputLabel}
          accept=".csv,.txt,.tsv,.prn,text/csv,text/plain"
          tabIndex={-1}
          style={HIDDEN}
          onChange={onChange}
        />
      )}
    </>
  );
}
