import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../forms/serverErrors';
import { fetchInvoicePdf } from '../ledger/queries';

/** A safe file name for an invoice's PDF: "Facture F-2026-001.pdf" → "F-2026-001.pdf". */
export function pdfFileName(number: string): string {
  const base = number.trim().replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'invoice';
  return `${base}.pdf`;
}

/** Saves a Blob under a name, through a temporary link. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Downloads an invoice's PDF with the session's token; `busy` is the id being fetched. */
export function useDownloadPdf() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (id: string, number: string) => {
    setBusy(id);
    try {
      saveBlob(await fetchInvoicePdf(id), pdfFileName(number));
    } catch (err) {
      notifications.show({ color: 'red', title: t('invoices.pdf.downloadFailed'), message: describeError(err, t) });
    } finally {
      setBusy(null);
    }
  };
  return { download, busy };
}
