/**
 * `diag admin token create|list|revoke`: the bearer tokens of the dashboard and the admin API. A token is printed once
 * at creation and stored only as its SHA-256; it may carry an expiry; `list` shows each token's id, name, status and
 * dates (never the token, never its hash); `revoke` ends a token (by id) or the active token of a name at once.
 */
import { DiagError } from '../errors.ts';
import { hashToken, newToken } from '../responses/store/tokens.ts';
import type { AdminTokenInfo } from '../responses/store/types.ts';
import { implement } from './command.ts';
import { adminSpec } from './commands-store.ts';
import { table, withStore } from './store.ts';

const UNITS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * When a token made now with `--expires VALUE` stops working: `30d`, `12h`, `2w` from now; a date `2027-01-31` (the
 * token works through that day, local time: it expires at the next midnight); or an ISO 8601 date-time.
 */
export function parseExpiry(value: string, now: Date): Date {
  const v = value.trim();
  let at: Date | null = null;
  const span = /^(\d{1,5})([hdw])$/.exec(v);
  if (span) at = new Date(now.getTime() + Number(span[1]) * UNITS[span[2]!]!);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    const day = new Date(y, m - 1, d);
    if (day.getFullYear() === y && day.getMonth() === m - 1 && day.getDate() === d) at = new Date(y, m - 1, d + 1);
  } else if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.test(v) && Number.isFinite(Date.parse(v))) at = new Date(Date.parse(v));
  if (!at || !Number.isFinite(at.getTime())) throw new DiagError('USAGE', `--expires must be a span such as 30d, 12h or 2w, a date YYYY-MM-DD, or an ISO date-time; got "${value.slice(0, 60)}"`);
  if (at.getTime() <= now.getTime()) throw new DiagError('USAGE', `--expires ${value} is not in the future`);
  return at;
}

function when(iso: string | null): string {
  return iso === null ? '—' : iso.replace('T', ' ').replace(/:\d\d\.\d{3}Z$/, ' UTC');
}

function listTable(tokens: AdminTokenInfo[]): string {
  return table(['id', 'name', 'status', 'created', 'expires', 'revoked'], tokens.map((t) => [t.id, t.name, t.status, when(t.createdAt), when(t.expiresAt), when(t.revokedAt)]));
}

const USAGE = 'diag admin token create --name NAME [--expires 30d|DATE] | diag admin token list | diag admin token revoke NAME|ID';

export const adminCommand = implement(adminSpec, {
  async run({ values, positionals }, io) {
    const [group, sub, ...rest] = positionals;
    if (group !== 'token' || !['create', 'list', 'revoke'].includes(sub ?? '')) {
      io.err(`diag admin: the subcommands are\n  ${USAGE.split(' | ').join('\n  ')}\n`);
      return 64;
    }
    if (sub === 'create') {
      const name = values.name?.trim();
      if (!name || rest.length) {
        io.err('diag admin token create: --name NAME is required (and nothing else)\n');
        return 64;
      }
      const expires = values.expires === undefined ? null : parseExpiry(values.expires, new Date());
      return withStore(async (store) => {
        const token = newToken(32);
        const created = await store.createAdminToken(name, hashToken(token), { expiresAt: expires?.toISOString() ?? null });
        io.out(`${token}\n`);
        io.err(`admin token ${created.id} for "${name}" created${expires ? `, valid until ${when(created.expiresAt)}` : ', valid until revoked'}; it is printed above once and stored only as a hash\n`);
        return 0;
      });
    }
    if (values.name !== undefined || values.expires !== undefined) throw new DiagError('USAGE', `--name and --expires belong to \`admin token create\`; usage: ${USAGE}`);
    if (sub === 'list') {
      if (rest.length) throw new DiagError('USAGE', 'diag admin token list takes no argument');
      return withStore(async (store) => {
        const tokens = await store.listAdminTokens();
        if (tokens.length === 0) io.out('no admin tokens yet: `diag admin token create --name NAME`\n');
        else io.out(listTable(tokens));
        return 0;
      });
    }
    if (rest.length !== 1 || !rest[0]) throw new DiagError('USAGE', 'diag admin token revoke needs one NAME or ID (see `diag admin token list`)');
    const key = rest[0];
    return withStore(async (store) => {
      const revoked = await store.revokeAdminToken(key);
      io.out(listTable(revoked));
      io.err(`${revoked.length} admin token${revoked.length === 1 ? '' : 's'} revoked: ${revoked.length === 1 ? 'it no longer opens' : 'they no longer open'} the dashboard or the API\n`);
      return 0;
    });
  },
});
