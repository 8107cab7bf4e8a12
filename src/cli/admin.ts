import { hashToken, newToken } from '../responses/store/tokens.ts';
import { defineCommand } from './command.ts';
import { STORE_HELP, withStore } from './store.ts';

export const adminCommand = defineCommand({
  name: 'admin',
  summary: 'admin bearer tokens for the dashboard: `admin token create --name NAME`',
  usage: 'diag admin token create --name NAME',
  help: [
    '  token create        make a new admin bearer token (256 bits) and print it ONCE; only its SHA-256 is stored',
    '  --name NAME         whose token it is (e.g. a person or a team)',
    '',
    'Keep the printed token in a password manager: it cannot be shown again. To replace it, create a new one.',
    STORE_HELP,
  ].join('\n'),
  options: {
    name: { type: 'string' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.join(' ') !== 'token create') {
      io.err('diag admin: the only subcommand is `admin token create --name NAME`\n');
      return 64;
    }
    const name = values.name?.trim();
    if (!name) {
      io.err('diag admin token create: --name NAME is required\n');
      return 64;
    }
    return withStore(async (store) => {
      const token = newToken(32);
      const created = await store.createAdminToken(name, hashToken(token));
      io.out(`${token}\n`);
      io.err(`admin token ${created.id} for "${name}" created; it is printed above once and stored only as a hash\n`);
      return 0;
    });
  },
});
