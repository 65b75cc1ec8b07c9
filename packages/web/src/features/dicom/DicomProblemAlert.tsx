import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useT } from '../../i18n/use-t';
import type { DicomProblem } from './dicom-render';
import { syntaxName } from './dicom-syntax';

/**
 * Why an instance (or one of its frames) is not shown, with the file to download: a compression the browser viewer
 * does not decode (named, with its UID), or a file that does not read or decode as an image.
 */
export function DicomProblemAlert({ problem, url, filename }: { problem: DicomProblem; url: string; filename: string }) {
  const t = useT();
  return (
    <Alert
      color="orange"
      title={t(problem.kind === 'compressed' ? 'dicom.compressed.title' : 'dicom.unreadable.title')}
      data-testid="dicom-unsupported"
      data-problem={problem.kind}
    >
      <Stack gap="xs">
        <Text size="sm">
          {problem.kind === 'compressed'
            ? t('dicom.compressed.body', { syntax: syntaxName(problem.transferSyntax) })
            : t('dicom.unreadable.body')}
        </Text>
        <Anchor href={url} download={filename} size="sm" fw={600}>
          {t('dicom.download', { name: filename })}
        </Anchor>
      </Stack>
    </Alert>
  );
}
