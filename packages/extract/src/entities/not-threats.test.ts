// Kinds of name that look like a threat and are not, and names found by what a link or a slash
// says. Sentences written for the tests; the names are invented or catalogue facts.
import { describe, expect, test } from 'vitest';
import { extract } from '../extract.ts';
import { plainDocument } from '../plain-document.ts';

const ENTITY = new Set(['malware', 'tool', 'intrusion-set', 'threat-actor']);
const found = (text: string) => {
  const result = extract(plainDocument(text));
  return {
    names: result.findings.filter((f) => ENTITY.has(f.type)).map((f) => `${f.type}:${f.value}`),
    dropped: (result.dropped ?? []).map((d) => `${d.reasons.join(',')}:${d.value}`),
  };
};

describe('a link to an ATT&CK page names the entry by its id', () => {
  test('the anchor text is a vendor name, the id decides', () => {
    const { names } = found(
      'The RAT was also adopted by [Elfin Group](https://attack.mitre.org/groups/G0064/) in its Saudi campaigns.',
    );
    expect(names).toContain('intrusion-set:APT33');
  });

  test('a software page link is that software', () => {
    const { names } = found('The operators loaded [a beacon](https://attack.mitre.org/software/S0154/) on each host.');
    expect(names).toContain('malware:Cobalt Strike');
  });

  test('a technique page link names no group or software', () => {
    const { names } = found('See [the technique](https://attack.mitre.org/techniques/T1059/) for details.');
    expect(names).toEqual([]);
  });

  test('a link under a references heading is a citation, not a finding', () => {
    const { names } = found(
      'The loader ran quietly.\n\n## References\n\n- [Elfin Group](https://attack.mitre.org/groups/G0064/)\n',
    );
    expect(names).not.toContain('intrusion-set:APT33');
  });
});

describe('names joined by a slash are two names', () => {
  test('"Winnti/PlugX" holds PlugX', () => {
    expect(found('Researchers have reported Winnti/PlugX C2 servers on free hosts.').names).toContain('malware:PlugX');
  });

  test('a path or URL with a capital after the slash is left whole', () => {
    expect(found('The page example.org/PlugX describes the family.').names).not.toContain('malware:PlugX');
  });
});

describe('catalogue names that mean something else here', () => {
  test("the command interpreter is no tool: it runs everyone's commands", () => {
    const { names, dropped } = found('The dropper then runs cmd.exe /c ping 127.0.0.1 to wait before deleting itself.');
    expect(names).not.toContain('tool:cmd');
    expect(dropped).toContain('os-shell:cmd');
  });

  test("a security vendor's name on a remote-tool list is the vendor", () => {
    const { names, dropped } = found('Rapid7 researchers noted that the botnet scanned for exposed routers.');
    expect(names).not.toContain('tool:Rapid7');
    expect(dropped).toContain('security-vendor:Rapid7');
  });

  test('a tool of the same list that is no vendor stays', () => {
    expect(found('The actor installed AnyDesk to keep access.').names).toContain('tool:AnyDesk');
  });
});

describe('people are not products or companies', () => {
  test('a cloud provider given an alias is no person', () => {
    const { names } = found('The A record belongs to Harbin Cloud aka Harbinyun, a hosting provider.');
    expect(names.filter((n) => n.startsWith('threat-actor:'))).toEqual([]);
  });

  test('a product list in capitals is no sanctions entry', () => {
    const { names } = found('The platform brings together DLP, CASB, ZTNA, Browser Isolation and email security.');
    expect(names.filter((n) => n.startsWith('threat-actor:'))).toEqual([]);
  });

  test('a sanctions entry with short romanised given names is a person', () => {
    const { names } = found('Individuals:\n  CHO, Hung Man; nationality Korea, North (individual) [DPRK3].');
    expect(names).toContain('threat-actor:Cho Hung Man');
  });
});

describe('a catalogue name used as an algorithm or a library names that', () => {
  test('"Zlib compression" and "compresses data by ZLib" are the library', () => {
    const { names, dropped } = found(
      'It uses Zlib compression for requests. The bot compresses data by ZLib and encrypts it with RC4.',
    );
    expect(names).not.toContain('malware:ZLib');
    expect(dropped).toContain('technical-term:ZLib');
  });

  test('the same catalogue name as the subject of the sentence stays', () => {
    expect(found('The ZLib backdoor beaconed to its server every hour.').names).toContain('malware:ZLib');
  });
});

describe('a given name in a person name is no catalogue family', () => {
  test('a lower-case catalogue name is not matched in a capitalised given name', () => {
    const { names } = found('"We watched the botnet recover within days," said analyst Jason Marlowe of the firm.');
    expect(names).not.toContain('malware:jason');
  });
});

describe('a program linked to its own repository is a tool', () => {
  test('the anchor spells the repository name', () => {
    const { names } = found(
      'The tunnel is built on a custom build of the [quillpipe source code](https://github.com/someone/quillpipe), an open-source project.',
    );
    expect(names).toContain('tool:quillpipe');
  });

  test('a two-word name against a joined repository name', () => {
    expect(found('It kills [Tarn Watcher](https://github.com/tarnwatch/tarnwatcher) on start.').names).toContain(
      'tool:Tarn Watcher',
    );
  });

  test('an anchor that names something else, or a repository of research, is none', () => {
    const { names } = found(
      'See [this commit](https://github.com/someone/quillpipe/commit/abc) and our [YARA rules](https://github.com/acme/yara-rules).',
    );
    expect(names).toEqual([]);
  });
});
