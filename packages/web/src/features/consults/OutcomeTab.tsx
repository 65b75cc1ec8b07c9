import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { OUTCOMES } from '@vuonxa/core';
import type { ConsultDetail, Outcome } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { DetailList } from '../../components/DetailList';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import type { Problem } from '../../i18n/error-message';
import { formatDate, formatDateTime, localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { consultsApi } from './consults.api';
import { useNow } from './use-now';

const FIELDS = ['outcome', 'occurredOn', 'note', 'referredToFacilityId'];
const needsFacility = (o: Outcome | '') => o === 'referred' || o === 'transferred';

/**
 * What became of the patient (Circular 49: the requesting site reports back): shown once reported, and a
 * form for the requesting site while the request is concluded.
 */
export function OutcomeTab({ detail: d, onChanged }: { detail: ConsultDetail; onChanged: () => void }) {
  const t = useT();
  if (d.outcome) {
    const o = d.outcome;
    return (
      <Paper withBorder p="md" radius="md" data-testid="outcome-view">
        <DetailList
          items={[
            { label: t('case.outcome.outcome'), value: t(`case.outcome.${o.outcome}`) },
            { label: t('case.outcome.occurredOn'), value: formatDate(o.occurredOn, t.locale) },
            { label: t('case.outcome.referredTo'), value: o.referredTo?.name ?? null },
            { label: t('case.outcome.reportedBy'), value: `${o.reportedBy.name} · ${formatDateTime(o.reportedAt, t.locale)}` },
            { label: t('case.outcome.note'), value: o.note, wide: true },
          ]}
        />
      </Paper>
    );
  }
  if (d.state === 'concluded' && d.myRoles.includes('requester')) return <OutcomeForm detail={d} onChanged={onChanged} />;
  return (
    <Text c="dimmed" py="md">
      {d.state === 'concluded' ? t('case.outcome.waiting') : t('case.outcome.notYet')}
    </Text>
  );
}

function OutcomeForm({ detail: d, onChanged }: { detail: ConsultDetail; onChanged: () => void }) {
  const t = useT();
  const notify = useNotice();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [occurredOn, setOccurredOn] = useState(localIsoDate());
  const [note, setNote] = useState('');
  const [facilityId, setFacilityId] = useState('');
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems((f) => FIELDS.includes(f));
  const now = useNow(60_000);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found: Record<string, Problem> = {};
    if (!outcome) found['outcome'] = { key: 'form.required' };
    if (!occurredOn) found['occurredOn'] = { key: 'form.required' };
    if (needsFacility(outcome) && !facilityId) found['referredToFacilityId'] = { key: 'form.required' };
    if (!outcome || Object.keys(found).length > 0) return form.showLocal(found);
    setBusy(true);
    try {
      await consultsApi.reportOutcome(d.id, {
        outcome,
        occurredOn,
        note: note.trim() || null,
        referredToFacilityId: needsFacility(outcome) ? facilityId : null,
      });
      notify({ color: 'green', message: t('case.outcome.saved') });
      onChanged();
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  const late = d.outcomeDueAt !== null && new Date(d.outcomeDueAt).getTime() < now;
  return (
    <Paper withBorder p="md" radius="md" maw={720}>
      <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} data-testid="outcome-form">
        <Stack>
          <Text size="sm">{t('case.outcome.intro')}</Text>
          {d.outcomeDueAt && (
            <Alert color={late ? 'red' : 'blue'} variant="light">
              {t(late ? 'case.outcomeOverdue' : 'case.outcomeDue', { time: formatDateTime(d.outcomeDueAt, t.locale) })}
            </Alert>
          )}
          <FormAlert problem={form.formProblem} />
          <NativeSelect
            label={t('case.outcome.outcome')}
            value={outcome}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setOutcome((OUTCOMES as readonly string[]).includes(v) ? (v as Outcome) : '');
              form.clear('outcome');
            }}
            data={[
              { value: '', label: t('common.choose'), disabled: true },
              ...OUTCOMES.map((o) => ({ value: o, label: t(`case.outcome.${o}`) })),
            ]}
            error={form.err('outcome')}
            withAsterisk
            data-testid="outcome-select"
          />
          <TextInput
            type="date"
            label={t('case.outcome.occurredOn')}
            value={occurredOn}
            max={localIsoDate()}
            onChange={(e) => {
              setOccurredOn(e.currentTarget.value);
              form.clear('occurredOn');
            }}
            error={form.err('occurredOn')}
            withAsterisk
            data-testid="outcome-date"
          />
          {needsFacility(outcome) && (
            <FacilitySelect
              label={t('case.outcome.referredTo')}
              value={facilityId}
              onChange={(v) => {
                setFacilityId(v);
                form.clear('referredToFacilityId');
              }}
              options={[]}
              searchDirectory
              error={form.err('referredToFacilityId')}
              withAsterisk
              testId="outcome-facility"
            />
          )}
          <Textarea
            label={t('case.outcome.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={form.err('note')}
            autosize
            minRows={3}
            maxLength={5_000}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="outcome-submit">
              {t('case.outcome.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
