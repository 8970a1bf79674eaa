import { StreamableFile } from '@nestjs/common';
import type { ExportFile } from '../application/views';

/** A CSV export as an attachment: the filename is ASCII (branch codes, dates), so it needs no encoding. */
export function attachment(file: ExportFile): StreamableFile {
  const body = Buffer.from(file.body, 'utf8');
  return new StreamableFile(body, {
    type: file.contentType,
    disposition: `attachment; filename="${file.filename}"`,
    length: body.length,
  });
}
