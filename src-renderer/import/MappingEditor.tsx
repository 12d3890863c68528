import { Select, SimpleGrid } from '@mantine/core';
import type { ImportKind } from '../../src-shared/domain/import.ts';
import { REQUIRED_ROLES, ROLES, type Role } from './draft.ts';
import type { DraftErrors } from './draft-validate.ts';
import { ROLE_LABELS } from './labels.ts';

const NONE = 'none';

interface Props {
  columns: readonly string[];
  mapping: Record<Role, number | null>;
  kind: ImportKind;
  errors: DraftErrors;
  onChange(role: Role, column: number | null): void;
}

/** One Select per role: which column holds the date, the open, …; "—" when none does. */
export function MappingEditor({ columns, mapping, kind, errors, onChange }: Props) {
  const data = [{ value: NONE, label: '—' }, ...columns.map((name, i) => ({ value: String(i), label: `${i + 1}: ${name}` }))];
  const required = new Set<Role>(REQUIRED_ROLES[kind]);
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
      {ROLES.map((role) => (
        <Select
          key={role}
          label={`${ROLE_LABELS[role]} column`}
          data={data}
          value={mapping[role] === null ? NONE : String(mapping[role])}
          onChange={(value) => onChange(role, value === null || value === NONE ? null : Number(value))}
          allowDeselect={false}
          withAsterisk={required.has(role)}
          error={errors[`mapping.${role}`]}
          size="xs"
          comboboxProps={{ withinPortal: true }}
        />
      ))}
    </SimpleGrid>
  );
}
