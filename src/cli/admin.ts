import { hashToken, newToken } from '../responses/store/tokens.ts';
import { implement } from './command.ts';
import { adminSpec } from './commands.ts';
import { withStore } from './store.ts';

export const adminCommand = implement(adminSpec, {
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
