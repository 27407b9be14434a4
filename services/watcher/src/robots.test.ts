import { expect, test } from 'vitest';
import { parseRobots } from './robots.ts';

const ROBOTS = `# a comment
User-agent: *
Disallow: /private/
Disallow: /*.pdf$
Allow: /private/press/

User-agent: stixmill
User-agent: otherbot
Disallow: /feeds/internal
`;

test.each([
  { agent: 'stixmill', path: '/private/x', allowed: true }, // our group has no /private/ rule
  { agent: 'stixmill', path: '/feeds/internal.rss', allowed: false },
  { agent: 'stixmill/0.1', path: '/feeds/public.rss', allowed: true },
  { agent: 'somebot', path: '/private/x', allowed: false },
  { agent: 'somebot', path: '/private/press/release', allowed: true },
  { agent: 'somebot', path: '/files/indictment.pdf', allowed: false },
  { agent: 'somebot', path: '/files/indictment.pdf?download=1', allowed: true },
  { agent: 'somebot', path: '/', allowed: true },
])('$agent $path -> $allowed', ({ agent, path, allowed }) => {
  expect(parseRobots(ROBOTS, agent).allows(path)).toBe(allowed);
});

test('an empty Disallow allows everything; no file allows everything', () => {
  expect(parseRobots('User-agent: *\nDisallow:\n', 'stixmill').allows('/anything')).toBe(true);
  expect(parseRobots('', 'stixmill').allows('/anything')).toBe(true);
});
