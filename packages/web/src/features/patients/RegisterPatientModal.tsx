import { Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { Patient } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';
import { PatientForm } from './PatientForm';
import { patientsApi } from './patients.api';
import type { PatientValues } from './patient-form';

interface Props {
  opened: boolean;
  onClose: () => void;
  facilityId: string;
  initial: PatientValues;
  /** The registered (or linked, `matched`) record. */
  onRegistered: (patient: Patient, matched: boolean) => void;
  onOpenExisting: (patientId: string) => void;
}

/** Registers a patient at `facilityId` without leaving the page (full screen on a phone). */
export function RegisterPatientModal({ opened, onClose, facilityId, initial, onRegistered, onOpenExisting }: Props) {
  const t = useT();
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('patient.register')} size="xl" fullScreen={narrow}>
      {opened && (
        <PatientForm
          initial={initial}
          submitLabel={t('patient.register.submit')}
          onCancel={onClose}
          onOpenExisting={onOpenExisting}
          onSave={async (input) => {
            const result = await patientsApi.register(facilityId, input);
            onRegistered(result.patient, result.matched);
          }}
        />
      )}
    </Modal>
  );
}
