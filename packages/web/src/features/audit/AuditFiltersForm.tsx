import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { facilitiesWith } from '../admin-users/grantable';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { useMe } from '../auth/use-session';
import { EMPTY_AUDIT_FILTERS } from './audit.api';
import type { AuditFilterField, AuditFilters } from './audit.api';
import { actionLabel } from './audit-labels';
import { isoToLocalInput, localInputToIso } from './datetime-input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validate(f: AuditFilters): Partial<Record<AuditFilterField, MessageKey>> {
  const problems: Partial<Record<AuditFilterField, MessageKey>> = {};
  if (f.actorUserId && !UUID.test(f.actorUserId)) problems.actorUserId = 'audit.filter.actorInvalid';
  if (f.from && f.to && f.from > f.to) problems.from = 'audit.filter.rangeInvalid';
  return problems;
}

/** The audit filters; applied on submit (the address bar keeps them, so a search can be shared). */
export function AuditFiltersForm({ value, onApply }: { value: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const t = useT();
  const me = useMe();
  const [draft, setDraft] = useState(value);
  const [problems, setProblems] = useState<Partial<Record<AuditFilterField, MessageKey>>>({});
  const readable = facilitiesWith(me, 'audit.read');

  const set = (field: AuditFilterField) => (e: { currentTarget: { value: string } }) => {
    const raw = e.currentTarget.value;
    const next = field === 'from' || field === 'to' ? localInputToIso(raw) : raw;
    setDraft((d) => ({ ...d, [field]: next }));
  };
  const err = (field: AuditFilterField) => (problems[field] ? t(problems[field]) : undefined);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const trimmed = {
      ...draft,
      entityType: draft.entityType.trim(),
      entityId: draft.entityId.trim(),
      actorUserId: draft.actorUserId.trim(),
    };
    const found = validate(trimmed);
    setProblems(found);
    if (Object.keys(found).length === 0) onApply(trimmed);
  }

  return (
    <form noValidate onSubmit={submit} aria-label={t('audit.filters')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <NativeSelect
          label={t('audit.col.action')}
          value={draft.action}
          onChange={set('action')}
          data={[{ value: '', label: t('audit.filter.any') }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) }))]}
        />
        <NativeSelect
          label={t('audit.col.outcome')}
          value={draft.outcome}
          onChange={set('outcome')}
          data={[{ value: '', label: t('audit.filter.any') }, ...AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))]}
        />
        <FacilitySelect
          label={t('audit.col.facility')}
          value={draft.facilityId}
          onChange={(facilityId) => setDraft((d) => ({ ...d, facilityId }))}
          options={[{ value: '', label: t('audit.filter.anyFacility') }, ...readable.options]}
          searchDirectory={readable.everywhere}
        />
        <TextInput
          label={t('audit.filter.actorId')}
          value={draft.actorUserId}
          onChange={set('actorUserId')}
          error={err('actorUserId')}
          spellCheck={false}
        />
        <TextInput label={t('audit.filter.entityType')} value={draft.entityType} onChange={set('entityType')} placeholder="user" />
        <TextInput label={t('audit.filter.entityId')} value={draft.entityId} onChange={set('entityId')} spellCheck={false} />
        <TextInput
          type="datetime-local"
          label={t('audit.filter.from')}
          value={isoToLocalInput(draft.from)}
          onChange={set('from')}
          error={err('from')}
        />
        <TextInput type="datetime-local" label={t('audit.filter.to')} value={isoToLocalInput(draft.to)} onChange={set('to')} />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit" data-testid="audit-apply">
          {t('audit.filter.apply')}
        </Button>
        <Button
          variant="subtle"
          onClick={() => {
            setDraft(EMPTY_AUDIT_FILTERS);
            setProblems({});
            onApply(EMPTY_AUDIT_FILTERS);
          }}
        >
          {t('audit.filter.reset')}
        </Button>
      </Group>
    </form>
  );
}
