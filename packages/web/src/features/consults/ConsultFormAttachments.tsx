import { Fieldset, Stack } from '@mantine/core';
import type { Attachment, BlobInfo } from '@vuonxa/core';
import { useT } from '../../i18n/use-t';
import { AttachmentUploader } from '../uploads/AttachmentUploader';
import { ConsultAttachmentList } from './ConsultAttachmentList';

/**
 * The request's attachments: those already attached (removable while the request can be edited) and the
 * uploader. Before the first save, the hint says that attaching a file saves the draft.
 */
export function ConsultAttachmentsSection({
  saved,
  editable,
  facilityId,
  onRemoved,
  onUploaded,
}: {
  /** The saved request, or null before its first save. */
  saved: { id: string; attachments: Attachment[] } | null;
  editable: boolean;
  facilityId: string;
  onRemoved: (attachmentId: string) => void;
  /** Attaches an uploaded file to the request (saving the draft first when needed). */
  onUploaded: (blob: BlobInfo) => Promise<void>;
}) {
  const t = useT();
  return (
    <Fieldset legend={t('consult.form.attachmentsSection')}>
      <Stack gap="sm">
        {saved && saved.attachments.length > 0 && (
          <ConsultAttachmentList consultId={saved.id} attachments={saved.attachments} removable={editable} onRemoved={onRemoved} />
        )}
        {editable && (
          <AttachmentUploader
            facilityId={facilityId}
            description={saved ? undefined : `${t('upload.hint')} ${t('consult.form.attachSavesDraft')}`}
            onUploaded={onUploaded}
          />
        )}
      </Stack>
    </Fieldset>
  );
}
