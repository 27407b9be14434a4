// Records read from structured text: flattened JSON lines and CSV rows under a header. A field's
// meaning decides (a platform beside a login is an account); prose with commas is no table.
import { describe, expect, test } from 'vitest';
import { extract } from '../extract.ts';
import { plainDocument } from '../plain-document.ts';
import { createRecordReader } from './records.ts';

const accounts = (text: string) =>
  extract(plainDocument(text))
    .findings.filter((f) => f.type === 'user-account')
    .map((f) => `${f.props.service}:${f.value}`);

describe('the field a value stands in', () => {
  test('a CSV column by its header, a flattened JSON value by its key', () => {
    const csv = 'host,agent version,port\nrelay-sync-cdn.net,6.1.7,443';
    expect(createRecordReader(csv).fieldAt(csv.indexOf('6.1.7'))).toBe('agent version');
    const json = 'case.c2: relay-sync-cdn.net\ncase.sources[0]: https://blog.other-vendor.net/a';
    const reader = createRecordReader(json);
    expect(reader.fieldAt(json.indexOf('https'))).toBe('sources');
    expect(reader.rows()).toHaveLength(1);
  });

  test("a type column names what the row's value column holds", () => {
    const csv = 'type,value,comment\nversion,6.1.7.4,agent build';
    expect(createRecordReader(csv).fieldAt(csv.indexOf('6.1.7.4'))).toBe('version');
  });

  test('two lines of prose with a comma each are no table', () => {
    const prose = 'In March, the group moved on\nIn April, it came back';
    expect(createRecordReader(prose).rows()).toEqual([]);
    expect(createRecordReader(prose).fieldAt(prose.indexOf('group'))).toBe('');
  });
});

describe('accounts that records give by their fields', () => {
  test('a platform field beside a login field (JSON as the parser flattens it)', () => {
    const text =
      'accounts[0].platform: GitHub\naccounts[0].login: kestrel-dev42\naccounts[1].service: Telegram\naccounts[1].username: quill_ops';
    expect(accounts(text)).toEqual(expect.arrayContaining(['GitHub:kestrel-dev42', 'Telegram:quill_ops']));
  });

  test('a CSV row typed by a service', () => {
    const text = 'type,value,comment\ngithub,kestrel-dev43,operator account\nip,45.61.12.8,C2 server';
    expect(accounts(text)).toContain('GitHub:kestrel-dev43');
  });

  test('a login with no platform beside it is no account', () => {
    const text = 'accounts[0].note: seen twice\naccounts[0].login: kestrel-dev44';
    expect(accounts(text)).toEqual([]);
  });
});

describe('organisations that records name by their fields', () => {
  const identities = (text: string) =>
    extract(plainDocument(text))
      .findings.filter((f) => f.type === 'identity')
      .map((f) => f.value);

  test('the name field of a victim record, and a CSV column headed "company"', () => {
    expect(
      identities(
        'case.title: Cold wallet theft\ncase.victim.name: Harbor Peak Exchange\ncase.victim.site: https://harborpeak.example',
      ),
    ).toContain('Harbor Peak Exchange');
    expect(identities('company,wallet\nKestrel Markets,0x1Db92e2EeBC8E0c075a02BeA49a2935BcD2dFCF4')).toContain(
      'Kestrel Markets',
    );
  });

  test('the name field of any other record is not an organisation', () => {
    expect(identities('case.analyst.name: Harbor Peak Research\ncase.analyst.team: 4')).not.toContain(
      'Harbor Peak Research',
    );
  });
});
