import type { Collection } from '@stixmill/store';
import { describe, expect, test } from 'vitest';
import { createAccessPolicy } from './access.ts';
import { ANONYMOUS_READER, OPEN_ACCESS, type Principal } from './auth.ts';

const alice: Principal = { name: 'alice', write: false, authenticated: true };
const writer: Principal = { name: 'bob', write: true, authenticated: true };
const feed: Collection = { id: 'c-feed', alias: 'default', title: 'feed', canRead: true, canWrite: false };
const clear: Collection = { id: 'c-clear', title: 'clear', canRead: true, canWrite: false };
const inbox: Collection = { id: 'c-inbox', alias: 'inbox', title: 'inbox', canRead: true, canWrite: true };
const red: Collection = { id: 'c-red', alias: 'tlp-red', title: 'red', canRead: true, canWrite: false };
const closed: Collection = { id: 'c-closed', title: 'closed', canRead: false, canWrite: false };

const policy = createAccessPolicy({
  open: false,
  rules: new Map([
    ['inbox', { read: ['*'], write: ['alice'] }],
    ['tlp-red', { read: ['bob'] }],
    ['c-feed', { read: ['*', 'anonymous'] }],
  ]),
  anonymousReadable: ['c-clear'],
});
const open = createAccessPolicy({ open: true });

describe('createAccessPolicy', () => {
  test.each([
    { label: 'authenticated reads a collection without a rule', p: alice, c: clear, read: true, write: false },
    { label: 'anonymous reads the TLP:CLEAR collection', p: ANONYMOUS_READER, c: clear, read: true, write: false },
    { label: 'anonymous reads where a rule names it', p: ANONYMOUS_READER, c: feed, read: true, write: false },
    { label: 'anonymous reads nothing else', p: ANONYMOUS_READER, c: inbox, read: false, write: false },
    { label: 'a rule by alias lists who writes', p: alice, c: inbox, read: true, write: true },
    { label: 'a writer not on the write list may not', p: writer, c: inbox, read: true, write: false },
    { label: 'a read list leaves out the rest', p: alice, c: red, read: false, write: false },
    { label: 'and lets the named in', p: writer, c: red, read: true, write: false },
    { label: 'a closed collection is closed to all', p: writer, c: closed, read: false, write: false },
    { label: 'open server: everyone reads and writes', p: OPEN_ACCESS, c: inbox, read: true, write: true, pol: open },
    { label: 'open server: switches still hold', p: OPEN_ACCESS, c: feed, read: true, write: false, pol: open },
  ])('$label', ({ p, c, read, write, pol }) => {
    const used = pol ?? policy;
    expect([used.canRead(p, c), used.canWrite(p, c)]).toEqual([read, write]);
  });

  test('without a rule, writers write to writable collections and readers do not', () => {
    const noRules = createAccessPolicy({ open: false });
    expect(noRules.canWrite(writer, inbox)).toBe(true);
    expect(noRules.canWrite(alice, inbox)).toBe(false);
  });
});
