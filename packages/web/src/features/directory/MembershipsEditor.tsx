import { ActionIcon, Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import type { FormProblems } from '../../components/use-form-problems';
import { useT } from '../../i18n/use-t';
import { facilitiesWith } from '../admin-users/grantable';
import { useMe } from '../auth/use-session';
import { FacilitySelect } from '../facilities/FacilitySelect';

export interface MembershipRow {
  /** A stable key for React while rows are added and removed. */
  key: number;
  facilityId: string;
  facilityName: string;
  position: string;
}

interface Props {
  rows: readonly MembershipRow[];
  onChange: (rows: MembershipRow[]) => void;
  form: FormProblems;
}

/**
 * Where the practitioner works and as what. New rows offer the facilities where the user holds
 * `practitioner.manage` (any facility for a network-wide grant); rows at other facilities stay as they are.
 */
export function MembershipsEditor({ rows, onChange, form }: Props) {
  const t = useT();
  const me = useMe();
  const manageable = facilitiesWith(me, 'practitioner.manage');
  const mayEdit = (facilityId: string) => !facilityId || manageable.everywhere || manageable.options.some((o) => o.value === facilityId);
  const update = (index: number, patch: Partial<MembershipRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  return (
    <Fieldset legend={t('practitioner.memberships')} data-testid="memberships-editor">
      <Stack gap="sm">
        {form.err('memberships') && (
          <Text c="red" size="sm" role="alert">
            {form.err('memberships')}
          </Text>
        )}
        {rows.map((row, i) => {
          const editable = mayEdit(row.facilityId);
          const known = row.facilityId ? [{ value: row.facilityId, label: row.facilityName || row.facilityId }] : [];
          return (
            <Group key={row.key} align="flex-start" gap="sm" wrap="wrap">
              <div style={{ flex: '1 1 260px', minWidth: 0 }}>
                {editable ? (
                  <FacilitySelect
                    label={t('practitioner.facility')}
                    value={row.facilityId}
                    onChange={(facilityId) => {
                      const label = manageable.options.find((o) => o.value === facilityId)?.label ?? '';
                      update(i, { facilityId, facilityName: label });
                      form.clear(`memberships.${i}.facilityId`);
                    }}
                    options={[...known, ...manageable.options.filter((o) => o.value !== row.facilityId)]}
                    searchDirectory={manageable.everywhere}
                    error={form.err(`memberships.${i}.facilityId`)}
                    withAsterisk
                    testId={`membership-facility-${i}`}
                  />
                ) : (
                  <TextInput label={t('practitioner.facility')} value={row.facilityName} readOnly variant="filled" />
                )}
              </div>
              <TextInput
                label={t('practitioner.position')}
                value={row.position}
                onChange={(e) => {
                  update(i, { position: e.currentTarget.value });
                  form.clear(`memberships.${i}.position`);
                }}
                error={form.err(`memberships.${i}.position`)}
                readOnly={!editable}
                withAsterisk
                style={{ flex: '1 1 200px' }}
                data-testid={`membership-position-${i}`}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mt={26}
                disabled={!editable || rows.length === 1}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
                aria-label={t('practitioner.membership.remove', { n: i + 1 })}
              >
                ×
              </ActionIcon>
            </Group>
          );
        })}
        {rows.length < 10 && (
          <Button
            variant="subtle"
            size="compact-sm"
            w="fit-content"
            onClick={() =>
              onChange([...rows, { key: Math.max(0, ...rows.map((r) => r.key)) + 1, facilityId: '', facilityName: '', position: '' }])
            }
          >
            {t('practitioner.membership.add')}
          </Button>
        )}
      </Stack>
    </Fieldset>
  );
}
