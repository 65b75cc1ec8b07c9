import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { SupportLink } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import { localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { facilitiesApi } from './facilities.api';

/** Ends a support link on a date (kept for the record, never deleted). */
export function EndLinkModal({ link, onClose, onEnded }: { link: SupportLink | null; onClose: () => void; onEnded: () => void }) {
  const t = useT();
  return (
    <Modal opened={link !== null} onClose={onClose} title={t('links.end.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {link && <EndLinkForm link={link} onCancel={onClose} onEnded={onEnded} />}
    </Modal>
  );
}

function EndLinkForm({ link, onCancel, onEnded }: { link: SupportLink; onCancel: () => void; onEnded: () => void }) {
  const t = useT();
  const notify = useNotice();
  const [validTo, setValidTo] = useState(localIsoDate());
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems((f) => f === 'validTo');

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!validTo) return form.showLocal({ validTo: { key: 'form.required' } });
    setBusy(true);
    try {
      await facilitiesApi.endLink(link.id, validTo);
      notify({ color: 'green', message: t('links.endedNotice') });
      onEnded();
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)}>
      <Stack>
        <Text size="sm">{t('links.end.body', { hub: link.hub.name, spoke: link.spoke.name })}</Text>
        <FormAlert problem={form.formProblem} />
        <TextInput
          type="date"
          label={t('links.end.date')}
          value={validTo}
          min={link.validFrom.slice(0, 10)}
          onChange={(e) => {
            setValidTo(e.currentTarget.value);
            form.clear('validTo');
          }}
          error={form.err('validTo')}
          withAsterisk
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={busy} data-testid="link-end-submit">
            {t('links.end')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
