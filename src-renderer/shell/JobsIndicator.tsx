import { Anchor, Button, Divider, Loader, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { JobRow } from '../jobs/JobRow.tsx';
import { useJobs } from '../jobs/jobs-context.ts';

const SHOWN = 8;

interface Props {
  opened: boolean;
  onChange(opened: boolean): void;
  onShowAll(): void;
}

/** Header button: a spinner and the number of running jobs; opens the list of recent jobs. */
export function JobsIndicator({ opened, onChange, onShowAll }: Props) {
  const { jobs, active } = useJobs();
  const busy = active.length > 0;
  return (
    <Popover opened={opened} onChange={onChange} width={380} position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <Button
          variant="default"
          onClick={() => onChange(!opened)}
          leftSection={busy ? <Loader size={14} /> : <IconListCheck size={16} />}
          aria-label={busy ? `Jobs: ${active.length} running` : 'Jobs'}
        >
          {busy ? `${active.length} running` : 'Jobs'}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Text fw={600} mb="xs">
          Recent jobs
        </Text>
        {jobs.length === 0 ? (
          <Text size="sm" c="dimmed">
            No jobs yet. Imports and other long tasks appear here.
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420} type="auto" offsetScrollbars>
            <Stack gap="sm">
              {jobs.slice(0, SHOWN).map((job, i) => (
                <div key={job.id}>
                  {i > 0 && <Divider mb="sm" />}
                  <JobRow job={job} />
                </div>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
        <Anchor component="button" size="sm" mt="sm" onClick={onShowAll}>
          Show all activity
        </Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}
