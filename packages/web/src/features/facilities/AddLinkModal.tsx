import { Button, Group, Modal, MultiSelect, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { FacilityDetail, SpecialtyCode } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useNotice } from '../../components/use-notice';
import { localIsoDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { isSpecialty, specialtyOptions } from '../registry/labels';
import { facilitiesApi } from './facilities.api';
import { FacilitySelect } from './FacilitySelect';

const FIELDS = new Set(['hubFacilityId', 'spokeFacilityId', 'specialties', 'validFrom', 'validTo']);
// Hospitals usually support others; stations and health centres are usually supported (the form's first guess).
const HUB_TYPES = new Set<FacilityDetail['type']>(['central_hospital', 'provincial_hospital', 'specialised_hospital', 'private_hospital']);

interface Props {
  facility: FacilityDetail;
  opened: boolean;
  onClose: () => void;
  onAdded: () => void;
}

/** Links this facility to another as hub or spoke, for some specialties or all, from a date. */
export function AddLinkModal({ facility, opened, onClose, onAdded }: Props) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('links.add')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {opened && <AddLinkForm facility={facility} onCancel={onClose} onAdded={onAdded} />}
    </Modal>
  );
}

function AddLinkForm({ facility, onCancel, onAdded }: { facility: FacilityDetail; onCancel: () => void; onAdded: () => void }) {
  const t = useT();
  const notify = useNotice();
  const [direction, setDirection] = useState<'supports' | 'supportedBy'>(HUB_TYPES.has(facility.type) ? 'supports' : 'supportedBy');
  const [other, setOther] = useState('');
  const [specialties, setSpecialties] = useState<SpecialtyCode[]>([]);
  const [validFrom, setValidFrom] = useState(localIsoDate());
  const [validTo, setValidTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems((f) => FIELDS.has(f));
  const otherError =
    form.err(direction === 'supports' ? 'spokeFacilityId' : 'hubFacilityId') ??
    form.err(direction === 'supports' ? 'hubFacilityId' : 'spokeFacilityId');

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const otherField = direction === 'supports' ? 'spokeFacilityId' : 'hubFacilityId';
    if (!other) return form.showLocal({ [otherField]: { key: 'links.form.otherRequired' } });
    if (!validFrom) return form.showLocal({ validFrom: { key: 'form.required' } });
    setBusy(true);
    try {
      await facilitiesApi.createLink({
        hubFacilityId: direction === 'supports' ? facility.id : other,
        spokeFacilityId: direction === 'supports' ? other : facility.id,
        specialties,
        validFrom,
        validTo: validTo || null,
      });
      notify({ color: 'green', message: t('links.added') });
      onAdded();
    } catch (error) {
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={(e) => void submit(e)}>
      <Stack>
        <FormAlert problem={form.formProblem} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="link-direction">
            {t('links.form.direction')}
          </Text>
          <SegmentedControl
            aria-labelledby="link-direction"
            value={direction}
            onChange={(v) => setDirection(v === 'supportedBy' ? 'supportedBy' : 'supports')}
            data={[
              { value: 'supports', label: t('links.form.supports', { name: facility.name }) },
              { value: 'supportedBy', label: t('links.form.supportedBy', { name: facility.name }) },
            ]}
            orientation="vertical"
            fullWidth
          />
        </Stack>
        <FacilitySelect
          label={direction === 'supports' ? t('links.form.spoke') : t('links.form.hub')}
          value={other}
          onChange={(v) => {
            setOther(v);
            form.clear('hubFacilityId');
            form.clear('spokeFacilityId');
          }}
          options={[]}
          searchDirectory
          exclude={facility.id}
          error={otherError}
          withAsterisk
          testId="link-other"
        />
        <MultiSelect
          label={t('links.form.specialties')}
          description={t('links.form.specialties.hint')}
          data={specialtyOptions(t.locale)}
          value={specialties}
          onChange={(v) => setSpecialties(v.filter(isSpecialty))}
          searchable
          clearable
          error={form.err('specialties')}
          comboboxProps={{ withinPortal: true }}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            type="date"
            label={t('links.form.validFrom')}
            value={validFrom}
            onChange={(e) => setValidFrom(e.currentTarget.value)}
            error={form.err('validFrom')}
            withAsterisk
          />
          <TextInput
            type="date"
            label={t('links.form.validTo')}
            value={validTo}
            onChange={(e) => setValidTo(e.currentTarget.value)}
            error={form.err('validTo')}
            min={validFrom}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="link-submit">
            {t('links.add.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
