import { ActionIcon, Button, Group, Menu, TextInput } from '@mantine/core';
import { IconBookmark, IconChevronDown, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { applyPreset, BUILTIN_PRESETS, loadUserPresets, saveUserPresets, searchValues, type Preset } from './presets.ts';
import type { OptimizeForm } from './optimize-form.ts';

interface Props {
  form: OptimizeForm;
  onChange(update: (form: OptimizeForm) => OptimizeForm): void;
}

/** Built-in starting points and the user's own saved searches (kept on this machine). */
export function PresetMenu({ form, onChange }: Props) {
  const [presets, setPresets] = useState<Preset[]>(loadUserPresets);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const store = (next: Preset[]) => {
    setPresets(next);
    saveUserPresets(next);
  };
  const save = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    store([...presets.filter((p) => p.name !== trimmed), { name: trimmed, builtin: false, values: searchValues(form) }]);
    setNaming(false);
    setName('');
  };
  if (naming) {
    return (
      <Group gap={4} wrap="nowrap">
        <TextInput
          size="xs"
          placeholder="Preset name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.preventDefault(), save());
            if (e.key === 'Escape') setNaming(false);
          }}
          autoFocus
          aria-label="Preset name"
        />
        <ActionIcon size="md" variant="light" onClick={save} aria-label="Save preset">
          <IconDeviceFloppy size={14} />
        </ActionIcon>
      </Group>
    );
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<IconBookmark size={14} />} rightSection={<IconChevronDown size={12} />}>
          Presets
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Built in</Menu.Label>
        {BUILTIN_PRESETS.map((p) => (
          <Menu.Item key={p.name} onClick={() => onChange((f) => applyPreset(f, p.values))}>
            {p.name}
          </Menu.Item>
        ))}
        {presets.length > 0 && <Menu.Label>Yours</Menu.Label>}
        {presets.map((p) => (
          <Menu.Item
            key={p.name}
            onClick={() => onChange((f) => applyPreset(f, p.values))}
            rightSection={
              <ActionIcon
                size="xs"
                variant="subtle"
                color="red"
                aria-label={`Delete preset ${p.name}`}
                onClick={(e) => {
                  e.stopPropagation();
                  store(presets.filter((q) => q.name !== p.name));
                }}
              >
                <IconTrash size={12} />
              </ActionIcon>
            }
          >
            {p.name}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconDeviceFloppy size={14} />} onClick={() => setNaming(true)}>
          Save this search as a preset…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
