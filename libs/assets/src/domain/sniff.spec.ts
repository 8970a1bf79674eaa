import { sniff } from './sniff';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('the real type of an upload comes from its bytes, not its name', () => {
  it.each([
    ['a JPEG from a phone camera', bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif'), 'jpeg'],
    ['a PNG screenshot', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'png'],
    ['a WebP from a chat app', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'webp'],
    ['an AVIF', bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1'), 'avif'],
    ['the PDF the People’s Committee sent', bytes('%PDF-1.7\n'), 'pdf'],
  ])('recognises %s', (_label, content, kind) => {
    expect(sniff(content)).toEqual({ kind });
  });

  it.each([
    ['a Windows program renamed photo.jpg', bytes('MZ', [0x90, 0]), 'executable'],
    ['a Linux binary', bytes([0x7f], 'ELF'), 'executable'],
    ['a shell script', bytes('#!/bin/sh\nrm -rf /'), 'executable'],
    [
      'an SVG (it can carry scripts)',
      bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'svg',
    ],
    ['an SVG behind an XML declaration', bytes('<?xml version="1.0"?>\n<svg></svg>'), 'svg'],
    ['an HTML page', bytes('<!DOCTYPE html><html>'), 'html'],
    ['an iPhone HEIC', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'), 'heic'],
    ['a GIF', bytes('GIF89a'), 'gif'],
    ['a text file', bytes('Chè Shan tuyết'), 'unknown'],
    ['an empty file', Buffer.alloc(0), 'unknown'],
  ])('refuses %s', (_label, content, detected) => {
    expect(sniff(content)).toEqual({ kind: 'refused', detected });
  });
});
