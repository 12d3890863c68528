import { Alert, Button, Group, Kbd, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlayerPlay } from '@tabler/icons-react';

interface Props {
  /** The core's reason for refusing to start, shown under the form. */
  failure: string | null;
  /** "The backtest did not start". */
  failureTitle: string;
  failureTestId: string;
  /** What the submit button does: "Run backtest", "Optimize". */
  action: string;
  starting: boolean;
  disabled?: boolean;
}

/** The end of a setup form: the core's refusal if any, the Ctrl+Enter hint, and the start button. */
export function SetupFooter({ failure, failureTitle, failureTestId, action, starting, disabled = false }: Props) {
  return (
    <>
      {failure && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={failureTitle} data-testid={failureTestId}>
          {failure}
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> starts
        </Text>
        <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={starting} disabled={disabled}>
          {action}
        </Button>
      </Group>
    </>
  );
}
