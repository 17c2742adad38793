/**
 * The workbook's file actions: open a local .xlsx (web mode; the button opens the file
 * chooser, so it works from the keyboard), download the evaluated report, and download the
 * client copy (CRM3 formulas replaced by values). The file code loads only when used.
 */
import { pickAll } from '../../core/i18n';
import { useRef } from 'react';
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { UiLocale, strings } from '../strings';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalS,
  },
  file: { flexBasis: '100%', overflowWrap: 'anywhere' },
});

interface Props {
  locale: UiLocale;
  fileName: string;
  busy: boolean;
  onOpen?: (file: File) => void;
  onDownloadReport?: () => void;
  /** The recommendations report (.docx); shown with the evaluated report. */
  onDownloadRecommendations?: () => void;
  /** Results to report: false while loading, after a failure or a cancel (the button is then disabled). */
  reportReady: boolean;
  onDownloadClientCopy?: () => void;
  clientCopyReady: boolean;
  /** Web mode: the workbook itself (with any snapshot saved in the page) as a download. */
  onDownloadWorkbook?: () => void;
}

export function WorkbookBar({
  locale,
  fileName,
  busy,
  onOpen,
  onDownloadReport,
  onDownloadRecommendations,
  reportReady,
  onDownloadClientCopy,
  clientCopyReady,
  onDownloadWorkbook,
}: Props) {
  const t = pickAll(strings, locale);
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className={s.bar} role="group" aria-label={t.workbook}>
      {fileName && (
        <Caption1 className={s.file} data-testid="file-name">
          {t.workbook}: {fileName}
        </Caption1>
      )}
      {onOpen && (
        <>
          <input
            ref={input}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            hidden
            data-testid="open-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) onOpen(file);
              e.target.value = '';
            }}
          />
          <Button size="small" onClick={() => input.current?.click()} disabled={busy}>
            {t.openXlsx}
          </Button>
        </>
      )}
      {onDownloadWorkbook && (
        <Button size="small" onClick={onDownloadWorkbook} disabled={busy || !clientCopyReady} data-testid="download-workbook">
          {t.downloadWorkbook}
        </Button>
      )}
      {onDownloadReport && (
        <Button size="small" onClick={onDownloadReport} disabled={busy || !reportReady} data-testid="download-report">
          {t.downloadReport}
        </Button>
      )}
      {onDownloadRecommendations && (
        <Button
          size="small"
          onClick={onDownloadRecommendations}
          disabled={busy || !reportReady}
          data-testid="download-recommendations"
        >
          {t.downloadRecommendations}
        </Button>
      )}
      {onDownloadClientCopy && (
        <Button
          size="small"
          onClick={onDownloadClientCopy}
          disabled={busy || !clientCopyReady}
          data-testid="download-client-copy"
        >
          {t.downloadClientCopy}
        </Button>
      )}
    </div>
  );
}
