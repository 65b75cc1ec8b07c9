import { Alert, Fieldset, Stack } from '@mantine/core';
import { EDITABLE_STATES } from '@vuonxa/core';
import type { Attachment, ConsultDetail } from '@vuonxa/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import type { Problem } from '../../i18n/error-message';
import { useT } from '../../i18n/use-t';
import { navigate } from '../../router';
import { ConsultAttachmentsSection } from './ConsultFormAttachments';
import { ConsultClinicalSection } from './ConsultFormClinical';
import { ConsultFormFooter } from './ConsultFormFooter';
import { LocalDraftOffer, VersionConflictAlert } from './ConsultFormNotices';
import { ConsultQuestionSection } from './ConsultFormQuestion';
import { ConsultRequestSection } from './ConsultFormRequest';
import { ConsultPatientPicker } from './ConsultPatientPicker';
import {
  EMPTY_CONSULT,
  checkDraft,
  consultValuesOf,
  draftBodyOf,
  isConsultField,
  localDraftKey,
  readLocalDraft,
  sameValues,
  updateBodyOf,
  writeLocalDraft,
} from './consult-form';
import type { ConsultValues, LocalDraft, PatientRef } from './consult-form';
import type { ConsultSectionProps } from './consult-form-section';
import { consultRequestsApi } from './consult-requests.api';
import { submitProblemsOf } from './consult-submit-problems';

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
    const { found, extra: alert } = submitProblemsOf(error.issues);
    form.showLocal(found);
    setExtra(alert);
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

  const section: ConsultSectionProps = { values, change, err: form.err, disabled: !editable };

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
          <LocalDraftOffer
            savedAt={offer.savedAt}
            onRestore={() => {
              dirty.current = true;
              setValues(offer.values);
              setOffer(null);
            }}
            onDiscard={() => {
              writeLocalDraft(key, null);
              setOffer(null);
            }}
          />
        )}
        {conflict && <VersionConflictAlert onReload={() => void reloadTheirs()} />}
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

        <ConsultRequestSection
          {...section}
          facilityId={facilityId}
          onHub={onHub}
          hubDisabled={!editable || (saved !== null && saved.state !== 'draft')}
        />

        <ConsultClinicalSection {...section} />

        <ConsultQuestionSection {...section} />

        <ConsultAttachmentsSection
          saved={saved}
          editable={editable}
          facilityId={facilityId}
          onRemoved={(attachmentId) => setSaved((s) => (s ? { ...s, attachments: s.attachments.filter((a) => a.id !== attachmentId) } : s))}
          onUploaded={async (blob) => {
            const target = await ensureSaved();
            const attachment = await consultRequestsApi.addAttachment(target.id, blob.id, null);
            setSaved((s) => (s ? { ...s, attachments: [...s.attachments, attachment] } : s));
          }}
        />

        <ConsultFormFooter
          savedAt={savedAt}
          savedId={saved?.id ?? null}
          isDraft={isDraft}
          editable={editable}
          busy={busy}
          onSave={() => void saveDraft()}
          onSubmit={() => void submit()}
        />
      </Stack>
    </form>
  );
}
