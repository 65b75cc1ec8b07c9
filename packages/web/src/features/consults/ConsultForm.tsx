import { Alert, Anchor, Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { CONSULT_TYPES, EDITABLE_STATES, RESPONSE_TARGET_MINUTES, URGENCIES } from '@vuonxa/core';
import type { Attachment, ConsultDetail, Urgency } from '@vuonxa/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import type { Problem } from '../../i18n/error-message';
import { formatDateTime } from '../../i18n/format';
import { INTL_LOCALES } from '../../i18n/i18n';
import type { MessageKey, Translator } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { Link, navigate } from '../../router';
import { isSpecialty, specialtyOptions } from '../registry/labels';
import { AttachmentUploader } from '../uploads/AttachmentUploader';
import { ConsultAttachmentList } from './ConsultAttachmentList';
import { ConsultPatientPicker } from './ConsultPatientPicker';
import { HubSelect } from './HubSelect';
import { Icd10Picker } from './Icd10Picker';
import {
  EMPTY_CONSULT,
  VITALS,
  checkDraft,
  consultValuesOf,
  draftBodyOf,
  formFieldOf,
  isConsultField,
  localDraftKey,
  readLocalDraft,
  sameValues,
  updateBodyOf,
  writeLocalDraft,
} from './consult-form';
import type { ConsultValues, LocalDraft, PatientRef, VitalKey } from './consult-form';
import { consultRequestsApi } from './consult-requests.api';

/** What the form knows of the saved request (null before the first save). */
interface Saved {
  id: string;
  version: number;
  state: ConsultDetail['state'];
  siteId: string | null;
  attachments: Attachment[];
  updatedAt: string;
}

const savedOf = (c: ConsultDetail): Saved => ({
  id: c.id,
  version: c.version,
  state: c.state,
  siteId: c.siteId,
  attachments: c.attachments,
  updatedAt: c.updatedAt,
});

/** The message next to a field the server says is missing on submit. */
const MISSING: Record<string, MessageKey> = {
  patientId: 'consult.missing.patientId',
  type: 'consult.missing.type',
  urgency: 'consult.missing.urgency',
  specialty: 'consult.missing.specialty',
  targetHubId: 'consult.missing.targetHubId',
  'clinical.history': 'consult.missing.clinical',
  question: 'consult.missing.question',
  diagnoses: 'consult.missing.diagnoses',
};

/** "1 hour", "24 hours", "3 days" in the reader's language. */
export function responseTargetText(t: Translator, urgency: Urgency): string {
  const minutes = RESPONSE_TARGET_MINUTES[urgency];
  const [value, unit] =
    minutes % 1440 === 0 && minutes > 1440 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return new Intl.NumberFormat(INTL_LOCALES[t.locale], { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

interface Props {
  /** The requesting facility (the active one for a new request). */
  facilityId: string;
  userId: string;
  consult?: ConsultDetail;
  initialPatient?: PatientRef | null;
}

/**
 * The request form (`/consults/new`, `/consults/:id/edit`): patient, Circular 49 type, urgency with its response
 * target, specialty and the hub to ask, clinical summary with vitals, question, ICD-10 diagnoses, attachments.
 * "Save draft" keeps it on the server (with the version read); "Submit" saves then submits, and every field the
 * server says is missing is named next to its input. Typing is also kept on the device until it is saved.
 */
export function ConsultForm({ facilityId, userId, consult, initialPatient }: Props) {
  const t = useT();
  const notify = useNotice();
  const [initialValues] = useState<ConsultValues>(() => {
    const base = consult ? consultValuesOf(consult) : { ...EMPTY_CONSULT, patient: initialPatient ?? null };
    return base;
  });
  const [values, setValues] = useState<ConsultValues>(initialValues);
  const [saved, setSaved] = useState<Saved | null>(consult ? savedOf(consult) : null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [conflict, setConflict] = useState(false);
  const [extra, setExtra] = useState<Problem | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [formRef, form] = useFormProblems((field) => isConsultField(field));

  const key = localDraftKey(userId, saved?.id ?? null, facilityId);
  const [offer, setOffer] = useState<LocalDraft | null>(() => {
    const local = readLocalDraft(localDraftKey(userId, consult?.id ?? null, facilityId));
    return local && !sameValues(local.values, initialValues) ? local : null;
  });
  const dirty = useRef(false);

  // Autosave on the device, a moment after typing stops.
  useEffect(() => {
    if (!dirty.current) return;
    const timer = window.setTimeout(
      () => writeLocalDraft(key, { values, savedAt: new Date().toISOString(), version: saved?.version ?? null }),
      600,
    );
    return () => window.clearTimeout(timer);
  }, [key, values, saved?.version]);

  const { clear } = form;
  const change = useCallback(
    (patch: Partial<ConsultValues>, ...fields: string[]) => {
      dirty.current = true;
      setValues((v) => ({ ...v, ...patch }));
      for (const f of fields) clear(f);
    },
    [clear],
  );
  const onHub = useCallback(
    (targetHubId: string, targetHubName: string) => change({ targetHubId, targetHubName }, 'targetHubId'),
    [change],
  );

  const editable = saved === null || EDITABLE_STATES.includes(saved.state);
  const isDraft = saved === null || saved.state === 'draft';

  /** Saves (creates or updates); null when the form has problems or the save failed (both shown). */
  async function save(): Promise<ConsultDetail | null> {
    const found = checkDraft(values);
    if (Object.keys(found).length > 0) {
      form.showLocal(found);
      return null;
    }
    setExtra(null);
    try {
      const detail = saved
        ? await consultRequestsApi.update(saved.id, updateBodyOf(values, saved.version, saved.siteId))
        : await consultRequestsApi.create(draftBodyOf(values, facilityId));
      afterSave(detail);
      return detail;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT' && error.detail('field') === 'version') {
        setConflict(true);
        form.showLocal({});
      } else form.showError(error);
      return null;
    }
  }

  function afterSave(detail: ConsultDetail): void {
    writeLocalDraft(key, null);
    if (!saved) {
      writeLocalDraft(localDraftKey(userId, detail.id, facilityId), null);
      // The address now names the saved draft (a reload reopens it) without remounting the form and its uploads.
      window.history.replaceState(null, '', `/consults/${encodeURIComponent(detail.id)}/edit`);
    }
    dirty.current = false;
    setSaved(savedOf(detail));
    setSavedAt(new Date().toISOString());
    setConflict(false);
  }

  // Attaching needs a saved request: the first file saves the draft (once, however many files finish together).
  const pendingCreate = useRef<Promise<Saved> | null>(null);
  const latest = useRef({ saved, values });
  useEffect(() => {
    latest.current = { saved, values };
  });
  async function ensureSaved(): Promise<Saved> {
    if (latest.current.saved) return latest.current.saved;
    pendingCreate.current ??= consultRequestsApi.create(draftBodyOf(latest.current.values, facilityId)).then(
      (detail) => {
        afterSave(detail);
        return savedOf(detail);
      },
      (error: unknown) => {
        pendingCreate.current = null;
        throw error;
      },
    );
    return pendingCreate.current;
  }

  async function saveDraft(): Promise<void> {
    setBusy('save');
    const detail = await save();
    setBusy(null);
    if (detail) notify({ color: 'green', message: t('consult.form.saved') });
  }

  async function submit(): Promise<void> {
    if (!isDraft) return saveDraft();
    setBusy('submit');
    try {
      const detail = await save();
      if (!detail) return;
      await consultRequestsApi.submit(detail.id);
      writeLocalDraft(localDraftKey(userId, detail.id, facilityId), null);
      notify({ color: 'green', message: t('consult.form.submitted', { ref: detail.ref }) });
      navigate(`/consults/${encodeURIComponent(detail.id)}`);
    } catch (error) {
      showSubmitError(error);
    } finally {
      setBusy(null);
    }
  }

  /** Every gap the server names goes next to its input; what the form does not show goes in the alert. */
  function showSubmitError(error: unknown): void {
    if (!(error instanceof ApiError) || error.issues.length === 0) return form.showError(error);
    const found: Record<string, Problem> = {};
    const elsewhere: string[] = [];
    for (const issue of error.issues) {
      const field = formFieldOf(issue.field);
      if (!isConsultField(field)) elsewhere.push(`${issue.field}: ${issue.message}`);
      else found[field] ??= issue.code === 'required' && MISSING[field] ? { key: MISSING[field] } : { issue };
    }
    form.showLocal(found);
    setExtra(
      elsewhere.length > 0 ? { key: 'form.otherIssues', params: { issues: elsewhere.join('; ') } } : { key: 'consult.form.incomplete' },
    );
  }

  async function reloadTheirs(): Promise<void> {
    if (!saved) return;
    try {
      const fresh = await consultRequestsApi.get(saved.id);
      // Keep what this person typed as an offer to re-apply on top of the new version.
      setOffer({ values, savedAt: new Date().toISOString(), version: fresh.version });
      setValues(consultValuesOf(fresh));
      setSaved(savedOf(fresh));
      setConflict(false);
      dirty.current = false;
    } catch (error) {
      form.showError(error);
    }
  }

  const text = (field: 'history' | 'examination' | 'currentTreatment' | 'testsDone' | 'question', serverField: string) => ({
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) => change({ [field]: e.currentTarget.value }, serverField),
    error: form.err(serverField),
    disabled: !editable,
  });
  const typeOptions = [
    { value: '', label: t('common.choose') },
    ...CONSULT_TYPES.map((v) => ({ value: v, label: t(`consult.type.${v}`) })),
  ];
  const urgencyOptions = [
    { value: '', label: t('common.choose') },
    ...URGENCIES.map((u) => ({
      value: u,
      label: t('consult.urgencyWithTarget', { urgency: t(`consult.urgency.${u}`), target: responseTargetText(t, u) }),
    })),
  ];

  return (
    <form
      ref={formRef}
      noValidate
      // No submit button: Enter in a field (a search, a vital) must not send the request to the hub.
      onSubmit={(e: FormEvent<HTMLFormElement>) => e.preventDefault()}
      data-testid="consult-form"
    >
      <Stack gap="md">
        {offer && (
          <Alert color="blue" data-testid="consult-restore">
            <Stack gap="xs">
              <Text size="sm">{t('consult.form.restoreOffer', { time: formatDateTime(offer.savedAt, t.locale) })}</Text>
              <Group gap="xs">
                <Button
                  size="xs"
                  onClick={() => {
                    dirty.current = true;
                    setValues(offer.values);
                    setOffer(null);
                  }}
                >
                  {t('consult.form.restore')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => {
                    writeLocalDraft(key, null);
                    setOffer(null);
                  }}
                >
                  {t('consult.form.discardLocal')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {conflict && (
          <Alert color="orange" role="alert" tabIndex={-1} data-testid="consult-conflict">
            <Stack gap="xs">
              <Text size="sm">{t('consult.form.conflict')}</Text>
              <Group>
                <Button size="xs" color="orange" onClick={() => void reloadTheirs()}>
                  {t('consult.form.reload')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {!editable && <Alert color="yellow">{t('consult.form.notEditable')}</Alert>}
        {saved?.state === 'needs_info' && <Alert color="yellow">{t('consult.form.needsInfo')}</Alert>}
        <FormAlert problem={form.formProblem ?? extra} />

        <Fieldset legend={t('consult.form.patientSection')}>
          <ConsultPatientPicker
            value={values.patient}
            onChange={(patient) => change({ patient }, 'patientId')}
            facilityId={facilityId}
            error={form.err('patientId')}
            disabled={!editable || saved?.state === 'needs_info'}
          />
        </Fieldset>

        <Fieldset legend={t('consult.form.requestSection')}>
          <SimpleGrid type="container" cols={{ base: 1, '36rem': 2 }}>
            <NativeSelect
              label={t('consult.type')}
              withAsterisk
              value={values.type}
              data={typeOptions}
              onChange={(e) => change({ type: CONSULT_TYPES.find((x) => x === e.currentTarget.value) ?? '' }, 'type')}
              error={form.err('type')}
              disabled={!editable}
              data-testid="consult-type"
            />
            <NativeSelect
              label={t('consult.urgency')}
              withAsterisk
              value={values.urgency}
              data={urgencyOptions}
              description={values.urgency ? t('consult.form.responseTarget', { target: responseTargetText(t, values.urgency) }) : undefined}
              onChange={(e) => change({ urgency: URGENCIES.find((x) => x === e.currentTarget.value) ?? '' }, 'urgency')}
              error={form.err('urgency')}
              disabled={!editable}
              data-testid="consult-urgency"
            />
            <NativeSelect
              label={t('consult.specialty')}
              withAsterisk
              value={values.specialty}
              data={[{ value: '', label: t('common.choose') }, ...specialtyOptions(t.locale)]}
              onChange={(e) => {
                const v = e.currentTarget.value;
                // Another specialty is answered by other hubs: the nearest for it is chosen anew.
                change({ specialty: isSpecialty(v) ? v : '', targetHubId: '', targetHubName: '' }, 'specialty', 'targetHubId');
              }}
              error={form.err('specialty')}
              disabled={!editable}
              data-testid="consult-specialty"
            />
            <div>
              <HubSelect
                facilityId={facilityId}
                specialty={values.specialty}
                value={values.targetHubId}
                valueName={values.targetHubName}
                onChange={onHub}
                error={form.err('targetHubId')}
                disabled={!editable || (saved !== null && saved.state !== 'draft')}
              />
            </div>
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('consult.form.clinicalSection')}>
          <Stack gap="sm">
            <Textarea
              label={t('consult.history')}
              description={t('consult.form.historyHint')}
              autosize
              minRows={3}
              maxLength={20_000}
              {...text('history', 'clinical.history')}
              data-testid="consult-history"
            />
            <Textarea
              label={t('consult.examination')}
              autosize
              minRows={3}
              maxLength={20_000}
              {...text('examination', 'clinical.examination')}
              data-testid="consult-examination"
            />
            <VitalsGrid
              values={values.vitals}
              disabled={!editable}
              err={form.err}
              onChange={(key, value) => change({ vitals: { ...values.vitals, [key]: value } }, `clinical.vitals.${key}`)}
            />
            <Textarea
              label={t('consult.currentTreatment')}
              autosize
              minRows={2}
              maxLength={10_000}
              {...text('currentTreatment', 'clinical.currentTreatment')}
            />
            <Textarea label={t('consult.testsDone')} autosize minRows={2} maxLength={10_000} {...text('testsDone', 'clinical.testsDone')} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('consult.form.questionSection')}>
          <Stack gap="sm">
            <Textarea
              label={t('consult.question')}
              description={t('consult.form.questionHint')}
              withAsterisk
              autosize
              minRows={3}
              maxLength={5_000}
              {...text('question', 'question')}
              data-testid="consult-question"
            />
            <Icd10Picker
              value={values.diagnoses}
              onChange={(diagnoses) => change({ diagnoses }, 'diagnoses')}
              error={form.err('diagnoses')}
              itemError={(i, f) => form.err(`diagnoses.${i}.${f}`)}
              withAsterisk
              disabled={!editable}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('consult.form.attachmentsSection')}>
          <Stack gap="sm">
            {saved && saved.attachments.length > 0 && (
              <ConsultAttachmentList
                consultId={saved.id}
                attachments={saved.attachments}
                removable={editable}
                onRemoved={(attachmentId) =>
                  setSaved((s) => (s ? { ...s, attachments: s.attachments.filter((a) => a.id !== attachmentId) } : s))
                }
              />
            )}
            {editable && (
              <AttachmentUploader
                facilityId={facilityId}
                description={saved ? undefined : `${t('upload.hint')} ${t('consult.form.attachSavesDraft')}`}
                onUploaded={async (blob) => {
                  const target = await ensureSaved();
                  const attachment = await consultRequestsApi.addAttachment(target.id, blob.id, null);
                  setSaved((s) => (s ? { ...s, attachments: [...s.attachments, attachment] } : s));
                }}
              />
            )}
          </Stack>
        </Fieldset>

        <Group justify="space-between" wrap="wrap" gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {savedAt
              ? t('consult.form.savedAt', { time: formatDateTime(savedAt, t.locale) })
              : saved
                ? t('consult.form.draftRef')
                : t('consult.form.keptLocally')}
            {saved && (
              <>
                {' '}
                <Anchor component={Link} href={`/consults/${encodeURIComponent(saved.id)}`} size="sm">
                  {t('consult.form.openRequest')}
                </Anchor>
              </>
            )}
          </Text>
          <Group gap="sm">
            <Button
              variant={isDraft ? 'default' : 'filled'}
              onClick={() => void saveDraft()}
              loading={busy === 'save'}
              disabled={busy !== null || !editable}
              data-testid="consult-save"
            >
              {isDraft ? t('consult.form.saveDraft') : t('common.save')}
            </Button>
            {isDraft && (
              <Button onClick={() => void submit()} loading={busy === 'submit'} disabled={busy !== null} data-testid="consult-submit">
                {t('consult.form.submit')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

function VitalsGrid({
  values,
  onChange,
  err,
  disabled,
}: {
  values: Record<VitalKey, string>;
  onChange: (key: VitalKey, value: string) => void;
  err: (field: string) => string | undefined;
  disabled: boolean;
}) {
  const t = useT();
  return (
    <Fieldset legend={t('consult.vitals')} variant="unstyled" p={0}>
      <SimpleGrid type="container" cols={{ base: 2, '36rem': 3 }} spacing="sm" data-testid="consult-vitals">
        {VITALS.map((v) => (
          <TextInput
            key={v.key}
            label={t(`consult.vital.${v.key}`)}
            rightSection={
              <Text size="xs" c="dimmed" pr={4}>
                {v.unit}
              </Text>
            }
            rightSectionWidth={v.unit.length > 4 ? 64 : 48}
            rightSectionPointerEvents="none"
            inputMode="decimal"
            autoComplete="off"
            value={values[v.key]}
            onChange={(e) => onChange(v.key, e.currentTarget.value)}
            error={err(`clinical.vitals.${v.key}`)}
            disabled={disabled}
            data-testid={`consult-vital-${v.key}`}
          />
        ))}
      </SimpleGrid>
    </Fieldset>
  );
}
