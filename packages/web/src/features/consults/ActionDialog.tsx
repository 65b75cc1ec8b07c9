import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import type { ConsultDetail, ConsultTransition } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useQuery } from '../../api/use-query';
import { FormAlert } from '../../components/FormAlert';
import type { Problem } from '../../i18n/error-message';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import { useT } from '../../i18n/use-t';
import { facilitiesApi } from '../facilities/facilities.api';
import { consultsApi } from './consults.api';
import { MissingFields } from './MissingFields';
import { SpecialistPicker } from './SpecialistPicker';

/** The transitions that open a dialog, plus the hub's reassignment (not a state change). */
export const DIALOG_ACTIONS = [
  'submit',
  'start_triage',
  'request_info',
  'provide_info',
  'accept',
  'decline',
  'forward',
  'close',
  'cancel',
  'reassign',
] as const;
export type DialogAction = (typeof DIALOG_ACTIONS)[number];

const FIELDS = ['question', 'answer', 'reason', 'specialistIds', 'toHubId'];
/** Minimum lengths of consultTransitionSchema, checked before sending. */
const MIN = { question: 5, answer: 2, reason: 5 } as const;

interface Props {
  detail: ConsultDetail;
  action: DialogAction | null;
  onClose: () => void;
  onDone: () => void;
  /** The request changed meanwhile (409): reload it, keeping the dialog open. */
  onStale: () => void;
}

/** One dialog per action; a confirmation for those without input. */
export function ActionDialog({ detail, action, onClose, onDone, onStale }: Props) {
  const t = useT();
  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      title={action ? t(`case.action.${action}`) : ''}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {action && <ActionForm key={action} detail={detail} action={action} onCancel={onClose} onDone={onDone} onStale={onStale} />}
    </Modal>
  );
}

function ActionForm({
  detail: d,
  action,
  onCancel,
  onDone,
  onStale,
}: {
  detail: ConsultDetail;
  action: DialogAction;
  onCancel: () => void;
  onDone: () => void;
  onStale: () => void;
}) {
  const t = useT();
  const notify = useNotice();
  const [text, setText] = useState('');
  const [ids, setIds] = useState<string[]>(action === 'reassign' ? d.assignments.map((a) => a.id) : []);
  const [hubId, setHubId] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const [formRef, form] = useFormProblems((f) => FIELDS.includes(f) || f.startsWith('specialistIds'));
  const textField = action === 'request_info' ? 'question' : action === 'provide_info' ? 'answer' : 'reason';
  const needsText = ['request_info', 'provide_info', 'decline', 'forward', 'cancel'].includes(action);
  const needsSpecialists = action === 'accept' || action === 'reassign';

  function body(): ConsultTransition | null {
    const s = text.trim();
    switch (action) {
      case 'request_info':
        return { action, question: s };
      case 'provide_info':
        return { action, answer: s };
      case 'accept':
        return { action, specialistIds: ids };
      case 'decline':
      case 'cancel':
        return { action, reason: s };
      case 'forward':
        return { action, toHubId: hubId, reason: s };
      case 'submit':
      case 'start_triage':
      case 'close':
        return { action };
      case 'reassign':
        return null;
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found: Record<string, Problem> = {};
    if (action === 'forward' && !hubId) found['toHubId'] = { key: 'form.required' };
    if (needsText && text.trim().length < MIN[textField]) {
      found[textField] = text.trim() ? { key: 'case.form.tooShort', params: { min: MIN[textField] } } : { key: 'form.required' };
    }
    if (needsSpecialists && ids.length === 0) found['specialistIds'] = { key: 'case.specialists.pickOne' };
    if (Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      const transition = body();
      if (transition) await consultsApi.transition(d.id, transition);
      else await consultsApi.assign(d.id, ids);
      notify({ color: 'green', message: t(`case.done.${action}`) });
      onDone();
    } catch (error) {
      // Submitting names what is still missing in the draft: listed with a link to complete it.
      if (action === 'submit' && error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.issues.length > 0) {
        setMissing(error.issues.map((i) => i.field));
        return;
      }
      // Someone else acted first: the page reloads so the buttons match the new state.
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        setStale(true);
        onStale();
        return;
      }
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  const destructive = action === 'decline' || action === 'cancel';
  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="action-dialog">
      <Stack>
        <Text size="sm">{t(`case.confirm.${action}`, { ref: d.ref })}</Text>
        <FormAlert problem={form.formProblem} />
        {missing.length > 0 && <MissingFields consultId={d.id} fields={missing} />}
        {stale && (
          <Alert color="orange" role="alert">
            {t('case.error.stale')}
          </Alert>
        )}
        {action === 'provide_info' && d.openQuestion && (
          <Alert color="yellow" title={t('case.openQuestion')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {d.openQuestion}
            </Text>
          </Alert>
        )}
        {action === 'forward' && (
          <HubSelect
            detail={d}
            value={hubId}
            onChange={(v) => {
              setHubId(v);
              form.clear('toHubId');
            }}
            error={form.err('toHubId')}
          />
        )}
        {needsSpecialists && d.targetHub && (
          <SpecialistPicker
            hubId={d.targetHub.id}
            specialty={d.specialty}
            value={ids}
            onChange={(v) => {
              setIds(v);
              form.clear('specialistIds');
            }}
            error={form.err('specialistIds')}
          />
        )}
        {needsText && (
          <Textarea
            label={t(`case.field.${textField}`)}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              form.clear(textField);
            }}
            error={form.err(textField)}
            autosize
            minRows={3}
            maxRows={10}
            withAsterisk
            data-autofocus
          />
        )}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={destructive ? 'red' : undefined} loading={busy} data-testid="action-confirm">
            {t(`case.action.${action}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Another hub supporting the requesting facility for this specialty, nearest first. */
function HubSelect({
  detail: d,
  value,
  onChange,
  error,
}: {
  detail: ConsultDetail;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const t = useT();
  const specialty = d.specialty;
  const hubs = useQuery(`hubs:${d.requestingFacility.id}:${specialty ?? ''}`, (signal) =>
    specialty ? facilitiesApi.hubs(d.requestingFacility.id, specialty, signal) : Promise.resolve([]),
  );
  const options = (hubs.data ?? []).filter((h) => h.facility.id !== d.targetHub?.id);
  if (!hubs.loading && options.length === 0) {
    return (
      <Text size="sm" c="orange.9" role="alert">
        {t('case.forward.noHub')}
      </Text>
    );
  }
  return (
    <NativeSelect
      label={t('case.field.toHubId')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[
        { value: '', label: hubs.loading ? t('common.loading') : t('common.choose'), disabled: true },
        ...options.map((h) => ({
          value: h.facility.id,
          label: h.distanceKm !== null ? `${h.facility.name} (${Math.round(h.distanceKm)} km)` : h.facility.name,
        })),
      ]}
      error={error}
      withAsterisk
      data-testid="forward-hub"
    />
  );
}
