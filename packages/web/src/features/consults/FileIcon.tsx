import type { Attachment } from '@vuonxa/core';
import type { Locale } from '@vuonxa/core';
import { formatNumber } from '../../i18n/format';

/** A file size in the reader's number format: 820 KB, 1,2 MB. */
export function formatBytes(bytes: number, locale: Locale): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, locale)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), locale)} MB`;
}

const LABEL: Record<Attachment['kind'], string> = { image: 'IMG', pdf: 'PDF', video: 'VIDEO', dicom: 'DICOM' };

/** A document glyph with the kind written on it, inline (no icon pack). */
export function FileIcon({ kind, size = 48 }: { kind: Attachment['kind']; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true">
      <path d="M10 4h20l10 10v30H10z" fill="var(--mantine-color-gray-1)" stroke="var(--mantine-color-gray-6)" strokeWidth={2} />
      <path d="M30 4v10h10" fill="none" stroke="var(--mantine-color-gray-6)" strokeWidth={2} />
      {kind === 'video' && <path d="M20 22l10 6-10 6z" fill="var(--mantine-color-gray-7)" />}
      <text
        x="25"
        y={kind === 'video' ? 42 : 33}
        fontSize={kind === 'dicom' || kind === 'video' ? 7 : 9}
        fontWeight={700}
        textAnchor="middle"
        fill="var(--mantine-color-gray-8)"
      >
        {LABEL[kind]}
      </text>
    </svg>
  );
}
