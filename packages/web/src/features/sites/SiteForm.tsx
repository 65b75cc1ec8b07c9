import { Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { EQUIPMENT, LINK_KINDS, SITE_STATUSES } from '@vuonxa/core';
import type { Site, SiteInput } from '@vuonxa/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useFormProblems } from '../../components/use-form-problems';
import { useT } from '../../i18n/use-t';
import { registryOptions } from '../registry/labels';
import { OperatorSelect } from './OperatorSelect';

type Equipment = (typeof EQUIPMENT)[number];
type LinkKind = (typeof LINK_KINDS)[number];
type Status = (typeof SITE_STATUSES)[number];

const FIELDS = new Set(['name', 'room', 'equipment', 'bandwidthKbps', 'linkKind', 'operatorUserId', 'status']);

interface Props {
  facilityId: string;
  /** The site to edit; a new site when absent. */
  site?: Site;
  submitLabel: string;
  onSave: (input: SiteInput) => Promise<void>;
  onCancel: () => void;
}

/** A bridge site's room, equipment, link and operator; used to add a site and to edit one. */
export function SiteForm({ facilityId, site, submitLabel, onSave, onCancel }: Props) {
  const t = useT();
  const options = registryOptions(t);
  const [name, setName] = useState(site?.name ?? '');
  const [room, setRoom] = useState(site?.room ?? '');
  const [equipment, setEquipment] = useState<Equipment[]>(site?.equipment ?? ['camera', 'microphone', 'speaker', 'display']);
  const [bandwidth, setBandwidth] = useState<number | ''>(site?.bandwidthKbps ?? '');
  const [linkKind, setLinkKind] = useState<LinkKind>(site?.linkKind ?? 'fibre');
  const [operator, setOperator] = useState(site?.operatorUserId ?? '');
  const [status, setStatus] = useState<Status>(site?.status ?? 'active');
  const [busy, setBusy] = useState(false);
  const [formRef, form] = useFormProblems((f) => FIELDS.has(f));

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (name.trim().length < 2) return form.showLocal({ name: { key: 'form.required' } });
    setBusy(true);
    try {
      await onSave({
        name: name.trim(),
        room: room.trim() || null,
        equipment,
        bandwidthKbps: bandwidth === '' ? null : bandwidth,
        linkKind,
        operatorUserId: operator || null,
        status,
      });
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
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('site.name')}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              form.clear('name');
            }}
            error={form.err('name')}
            withAsterisk
            data-autofocus
            data-testid="site-name"
          />
          <TextInput label={t('site.room')} value={room} onChange={(e) => setRoom(e.currentTarget.value)} error={form.err('room')} />
          <NativeSelect
            label={t('site.linkKind')}
            value={linkKind}
            onChange={(e) => setLinkKind(LINK_KINDS.find((k) => k === e.currentTarget.value) ?? 'other')}
            data={options.linkKinds}
            error={form.err('linkKind')}
          />
          <NumberInput
            label={t('site.bandwidth')}
            description={t('site.bandwidth.hint')}
            value={bandwidth}
            onChange={(v) => setBandwidth(typeof v === 'number' ? v : '')}
            min={16}
            max={10_000_000}
            step={256}
            allowDecimal={false}
            thousandSeparator=" "
            error={form.err('bandwidthKbps')}
          />
          <NativeSelect
            label={t('site.status')}
            value={status}
            onChange={(e) => setStatus(SITE_STATUSES.find((s) => s === e.currentTarget.value) ?? 'active')}
            data={options.siteStatuses}
            error={form.err('status')}
          />
          <OperatorSelect
            facilityId={facilityId}
            value={operator}
            current={site}
            onChange={setOperator}
            error={form.err('operatorUserId')}
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t('site.equipment')}
          value={equipment}
          onChange={(v) => setEquipment(EQUIPMENT.filter((e) => v.includes(e)))}
          error={form.err('equipment')}
        >
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mt="xs" spacing="xs">
            {options.equipment.map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="site-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
