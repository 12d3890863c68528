import { Alert, Button, Group, PasswordInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import type { ChangeEvent } from 'react';
import type { ConnectionForm } from './connection-form.ts';
import type { FieldErrors } from './field-errors.ts';

interface Props {
  form: ConnectionForm;
  errors: FieldErrors;
  /** The saved connection has keys in the secrets store. */
  hasCredentials: boolean;
  onChange(update: (form: ConnectionForm) => ConnectionForm): void;
}

/**
 * API keys: typed into password boxes, sent once to the encrypted secrets store, never shown back.
 * Stored keys are only named ("keys stored"); typing new ones replaces them, Remove keys deletes them.
 */
export function CredentialFields({ form, errors, hasCredentials, onChange }: Props) {
  // Alpaca's keys are a key ID and a secret key, no passphrase; and it answers nothing without them.
  const alpaca = form.kind === 'alpaca';
  const set = (key: 'apiKey' | 'secret' | 'password') => (e: ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    onChange((f) => ({ ...f, [key]: value }));
  };
  return (
    <Stack gap="xs">
      {hasCredentials && (
        <Alert p="xs" color={form.removeKeys ? 'orange' : 'gray'} icon={<IconKey size={16} />} data-testid="stored-keys">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{form.removeKeys ? 'The stored keys will be removed when you save.' : 'Keys stored. Type new ones to replace them.'}</Text>
            <Button size="compact-xs" variant="default" onClick={() => onChange((f) => ({ ...f, removeKeys: !f.removeKeys }))}>
              {form.removeKeys ? 'Keep keys' : 'Remove keys'}
            </Button>
          </Group>
        </Alert>
      )}
      {!form.removeKeys && (
        <>
          <SimpleGrid cols={2} spacing="xs">
            <PasswordInput
              label="API key"
              aria-label="API key"
              description={alpaca ? 'The key ID (APCA-API-KEY-ID)' : undefined}
              value={form.apiKey}
              onChange={set('apiKey')}
              error={errors.apiKey}
              autoComplete="off"
            />
            <PasswordInput
              label="Secret"
              aria-label="Secret"
              description={alpaca ? 'The secret key, shown once by Alpaca' : undefined}
              value={form.secret}
              onChange={set('secret')}
              error={errors.secret}
              autoComplete="off"
            />
          </SimpleGrid>
          {!alpaca && (
            <PasswordInput
              label="Passphrase"
              aria-label="Passphrase"
              description="Only for venues that ask for one (OKX, Coinbase)"
              value={form.password}
              onChange={set('password')}
              error={errors.password}
              autoComplete="off"
            />
          )}
          <Text size="xs" c="dimmed">
            {alpaca
              ? 'Alpaca needs keys to connect, for market data too; paper and live accounts have different keys. They are stored encrypted and never shown again.'
              : 'Market data needs no keys on most exchanges. Keys are stored encrypted and never shown again.'}
          </Text>
        </>
      )}
    </Stack>
  );
}
