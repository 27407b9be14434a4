import { describe, expect, test } from 'vitest';
import { findEmails } from './email.ts';

describe('findEmails', () => {
  test.each([
    ['Recruiter: Maria.Sam@gmail.com', 'maria.sam@gmail.com'],
    ['reply to hr-team@talent-bridge.io.', 'hr-team@talent-bridge.io'],
  ])('%s', (text, want) => {
    expect(findEmails(text).map((e) => e.value)).toEqual([want]);
  });

  test.each([
    'mail admin@example.org for help',
    'send to you@yourdomain.com',
    'user@host.test',
    'contact xxx@xxxx.com',
    'root@mycompany.com',
  ])('placeholder: %s', (text) => {
    expect(findEmails(text)).toEqual([]);
  });
});
