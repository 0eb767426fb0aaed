// Draws a PDF's pages on canvases with pdf.js. An <object>/<iframe> of a blob: URL would need
// the server's Content-Security-Policy to allow blob: frames, and mobile browsers do not show
// PDFs inline anyway; canvases work everywhere. Loaded lazily: pdf.js is a large chunk.
import { Stack, Text } from '@mantine/core';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

const MAX_PAGES = 20;

interface Props {
  blob: Blob;
  label: string;
  errorText: string;
}

export default function PdfViewer({ blob, label, errorText }: Props) {
  const holder = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const [pages, setPages] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const el = holder.current;
    if (!el) return;
    el.replaceChildren();
    setFailed(false);
    const task = (async () => {
      const data = new Uint8Array(await blob.arrayBuffer());
      const doc = await pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: true }).promise;
      if (cancelled) return doc;
      setPages(doc.numPages);
      const width = el.clientWidth || 800;
      for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES) && !cancelled; n++) {
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const scale = width / base.width;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: scale * ratio });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = '100%';
        canvas.style.display = 'block';
        canvas.style.background = 'white';
        canvas.style.boxShadow = '0 1px 3px rgba(0,0,0,.15)';
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `${label} — ${n}/${doc.numPages}`);
        el.appendChild(canvas);
        await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
      }
      return doc;
    })();
    task.catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      void task.then((doc) => doc?.destroy()).catch(() => {});
    };
  }, [blob, label]);

  return (
    <Stack gap="sm" data-testid="pdf-preview" data-pages={pages}>
      <div ref={holder} style={{ display: 'flex', flexDirection: 'column', gap: 12 }} />
      {failed && (
        <Text size="sm" c="dimmed" ta="center" py="xl">
          {errorText}
        </Text>
      )}
    </Stack>
  );
}
