import { StreamableFile } from '@nestjs/common';

/** A ledger CSV as an attachment (an ASCII file name: it needs no encoding). */
export function csvAttachment(body: string, filename: string): StreamableFile {
  const bytes = Buffer.from(body, 'utf8');
  return new StreamableFile(bytes, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
    length: bytes.length,
  });
}
