import { StageError } from '@stixmill/contracts';
import { describe, expect, test } from 'vitest';
import { parseContentType, sniffContentType } from './sniff.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('sniffContentType', () => {
  test.each([
    {
      label: 'declared html with charset',
      declared: 'Text/HTML; Charset="UTF-8"',
      body: 'x',
      expected: 'text/html; charset=utf-8',
    },
    { label: 'declared markdown alias', declared: 'text/x-markdown', body: '# T', expected: 'text/markdown' },
    { label: 'PDF magic beats a wrong label', declared: 'text/html', body: '%PDF-1.4\n', expected: 'application/pdf' },
    { label: 'PDF magic after junk', body: '\r\n  %PDF-1.7', expected: 'application/pdf' },
    { label: 'extension .md', filename: 'report.md', body: 'hello', expected: 'text/markdown' },
    { label: 'extension .HTM', filename: 'A.HTM', body: 'hello', expected: 'text/html' },
    {
      label: 'octet-stream + extension',
      declared: 'application/octet-stream',
      filename: 'x.json',
      body: '{}',
      expected: 'application/json',
    },
    { label: '<html', body: '  <html><body>x</body></html>', expected: 'text/html' },
    { label: '<!DOCTYPE html with BOM', body: '\uFEFF<!DOCTYPE html><p>x', expected: 'text/html' },
    { label: 'JSON object', body: '{"a": 1}', expected: 'application/json' },
    { label: 'JSON array', body: '[1,2]', expected: 'application/json' },
    { label: 'brace but not JSON', body: '{ not json', expected: 'text/plain' },
    { label: 'RSS', body: '<?xml version="1.0"?><rss version="2.0">', expected: 'application/rss+xml' },
    {
      label: 'Atom',
      body: '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">',
      expected: 'application/atom+xml',
    },
    { label: 'XML', body: '<?xml version="1.0"?><root/>', expected: 'application/xml' },
    { label: 'plain text', body: 'Lazarus Group used 1.2.3.4', expected: 'text/plain' },
  ])('$label -> $expected', ({ declared, filename, body, expected }) => {
    expect(
      sniffContentType({
        bytes: bytes(body),
        ...(declared === undefined ? {} : { declared }),
        ...(filename === undefined ? {} : { filename }),
      }),
    ).toBe(expected);
  });

  test.each([
    { label: 'declared image/png', declared: 'image/png', body: bytes('x') },
    { label: 'binary with NUL', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) },
    { label: 'invalid UTF-8', body: new Uint8Array([0xff, 0xfe, 0xfd, 0x41]) },
    { label: 'a zip named .bin', filename: 'a.bin', body: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]) },
  ])('refuses $label as unsupported_type', ({ declared, filename, body }) => {
    let caught: unknown;
    try {
      sniffContentType({
        bytes: body,
        ...(declared === undefined ? {} : { declared }),
        ...(filename === undefined ? {} : { filename }),
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(StageError);
    expect((caught as StageError).code).toBe('unsupported_type');
    expect((caught as StageError).message).toMatch(/^refused: .* is not a document type stixmill reads/);
  });
});

test('parseContentType', () => {
  expect(parseContentType('text/html;charset=ISO-8859-1')).toEqual({ essence: 'text/html', charset: 'iso-8859-1' });
  expect(parseContentType(undefined)).toEqual({ essence: '' });
});
