import { Modal, Stepper } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportPreview } from '../../src-shared/contract/import.contract.ts';
import { useClient } from '../client/hooks.ts';
import { ChooseFileStep } from './ChooseFileStep.tsx';
import type { StartInput } from './draft-validate.ts';
import { JobStep } from './JobStep.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import { readFile } from './read-file.ts';

type Phase =
  | { step: 'choose'; error: string | null; reading: string | null }
  | { step: 'preview'; preview: ImportPreview; starting: boolean }
  | { step: 'job'; preview: ImportPreview; jobId: string };

const STEP_INDEX = { choose: 0, preview: 1, job: 2 } as const;

interface Props {
  opened: boolean;
  initialFile: File | null;
  onClose(): void;
}

/** Choose a file → check detection and map columns → follow the import job to its report. */
export function ImportWizard({ opened, initialFile, onClose }: Props) {
  const client = useClient();
  const [phase, setPhase] = useState<Phase>({ step: 'choose', error: null, reading: null });
  // A staged file that was not imported is discarded when the wizard closes, even mid-upload.
  const staged = useRef<string | null>(null);
  const closed = useRef(false);

  const discard = useCallback(() => {
    const stagedId = staged.current;
    staged.current = null;
    if (stagedId) client.call('import.discard', { stagedId }).catch(() => {});
  }, [client]);

  const chooseFile = useCallback(
    async (file: File) => {
      setPhase({ step: 'choose', error: null, reading: file.name });
      const read = await readFile(file);
      if (!read.ok) return setPhase({ step: 'choose', error: read.message, reading: null });
      try {
        const preview = await client.call('import.preview', { fileName: read.fileName, data: read.data });
        staged.current = preview.stagedId;
        if (closed.current) return discard();
        setPhase({ step: 'preview', preview, starting: false });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        setPhase({ step: 'choose', error: message, reading: null });
      }
    },
    [client, discard],
  );

  const start = useCallback(
    async (preview: ImportPreview, input: StartInput) => {
      setPhase({ step: 'preview', preview, starting: true });
      try {
        const { jobId } = await client.call('import.start', input);
        staged.current = null; // the job owns the staged file now
        setPhase({ step: 'job', preview, jobId });
      } catch {
        setPhase({ step: 'preview', preview, starting: false }); // the notification says why
      }
    },
    [client],
  );

  // A dropped file starts right away, once (StrictMode runs effects twice in development).
  const took = useRef(false);
  useEffect(() => {
    if (initialFile && !took.current) {
      took.current = true;
      void chooseFile(initialFile);
    }
  }, [initialFile, chooseFile]);

  const close = () => {
    closed.current = true;
    discard();
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Import CSV"
      size="min(1180px, 96vw)"
      closeOnClickOutside={phase.step === 'choose'}
    >
      <Stepper active={STEP_INDEX[phase.step]} size="sm" mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label="File" description="Choose or drop" />
        <Stepper.Step label="Preview" description="Check format and columns" />
        <Stepper.Step label="Import" description="Progress and report" />
      </Stepper>
      {phase.step === 'choose' && <ChooseFileStep error={phase.error} reading={phase.reading} onFile={chooseFile} />}
      {phase.step === 'preview' && (
        <PreviewStep
          preview={phase.preview}
          starting={phase.starting}
          onStart={(input) => void start(phase.preview, input)}
          onCancel={close}
        />
      )}
      {phase.step === 'job' && <JobStep jobId={phase.jobId} preview={phase.preview} onDone={close} />}
    </Modal>
  );
}
