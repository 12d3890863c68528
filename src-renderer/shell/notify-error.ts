import { notifications } from '@mantine/notifications';
import type { ClientError } from '../client/client-error.ts';

/** Shows a failed call as a notification: the machine code as title, the message as text. */
export function notifyError(error: ClientError): void {
  const cancelled = error.code === 'CANCELLED';
  notifications.show({
    // The same failure repeated (e.g. every call while disconnected) is shown once.
    id: `${error.code}:${error.message}`,
    color: cancelled ? 'yellow' : 'red',
    title: error.code,
    message: error.message,
    autoClose: cancelled ? 4000 : 8000,
    'data-error-code': error.code,
  });
}

export function notifySuccess(title: string, message: string): void {
  notifications.show({ color: 'teal', title, message, autoClose: 5000 });
}
