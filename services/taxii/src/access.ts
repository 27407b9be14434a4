import type { Collection } from '@stixmill/store';
import type { Principal } from './auth.ts';

/**
 * Who may read and write one collection, by principal name (a Basic user or a token's name).
 * `*` is every authenticated principal; `anonymous` is a request without credentials where the
 * operator allows anonymous reads.
 */
export interface CollectionAccess {
  read?: readonly string[] | undefined;
  write?: readonly string[] | undefined;
}

export interface AccessPolicy {
  canRead(principal: Principal, collection: Collection): boolean;
  canWrite(principal: Principal, collection: Collection): boolean;
}

export const EVERYONE = '*';
export const ANONYMOUS_NAME = 'anonymous';

function listed(names: readonly string[], principal: Principal): boolean {
  if (!principal.authenticated) return names.includes(ANONYMOUS_NAME);
  return names.includes(EVERYONE) || names.includes(principal.name);
}

/**
 * Permissions per collection and per principal. A collection's own switches (can_read,
 * can_write in the store) come first; then its rule, found by id or alias; without a rule every
 * authenticated principal reads, the anonymous reader reads only the `anonymousReadable`
 * collections (TLP:CLEAR: shareable without limit), and writers write where writing is on.
 * On an open server (no credentials configured) the switches alone decide.
 */
export function createAccessPolicy(options: {
  open: boolean;
  rules?: ReadonlyMap<string, CollectionAccess>;
  anonymousReadable?: readonly string[];
}): AccessPolicy {
  const rules = options.rules ?? new Map<string, CollectionAccess>();
  const anonymous = new Set(options.anonymousReadable ?? []);
  const ruleOf = (c: Collection) => rules.get(c.id) ?? (c.alias === undefined ? undefined : rules.get(c.alias));
  return {
    canRead(principal, c) {
      if (!c.canRead) return false;
      if (options.open) return true;
      const read = ruleOf(c)?.read;
      if (read) return listed(read, principal);
      return principal.authenticated || anonymous.has(c.id);
    },
    canWrite(principal, c) {
      if (!c.canWrite) return false;
      if (options.open) return true;
      const write = ruleOf(c)?.write;
      if (write) return principal.authenticated && listed(write, principal);
      return principal.authenticated && principal.write;
    },
  };
}
