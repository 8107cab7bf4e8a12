import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStore } from '../../src/responses/store/open.ts';
import type { Store } from '../../src/responses/store/types.ts';

/** A fresh data folder (DIAG_DATA_DIR) per test, SQLite only (DATABASE_URL unset); removed afterwards. */
export function useDataDir(): { readonly dir: string; open(): Promise<Store> } {
  let dir = '';
  const saved = { data: process.env.DIAG_DATA_DIR, url: process.env.DATABASE_URL };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'diag-cli-'));
    process.env.DIAG_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (saved.data === undefined) delete process.env.DIAG_DATA_DIR;
    else process.env.DIAG_DATA_DIR = saved.data;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
  });
  return {
    get dir() {
      return dir;
    },
    open: () => openStore({ dataDir: dir, databaseUrl: '' }),
  };
}

/** Every file of a folder tree (skipping `skip`), as one byte string, to search for secrets. */
export function allBytes(dir: string, skip: string[] = []): Buffer {
  const parts: Buffer[] = [];
  for (const name of readdirSync(dir)) {
    if (skip.includes(name)) continue;
    const path = join(dir, name);
    parts.push(statSync(path).isDirectory() ? allBytes(path, skip) : readFileSync(path));
  }
  return Buffer.concat(parts);
}

/** Windows-1250 bytes of a text (Polish letters, dashes and quotes; ASCII as is). */
export function windows1250(text: string): Buffer {
  const table: Record<string, number> = {
    ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf,
    Ą: 0xa5, Ć: 0xc6, Ę: 0xca, Ł: 0xa3, Ń: 0xd1, Ó: 0xd3, Ś: 0x8c, Ź: 0x8f, Ż: 0xaf, '–': 0x96, '—': 0x97, '„': 0x84, '”': 0x94,
  };
  return Buffer.from([...text].map((ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) return code;
    const b = table[ch];
    if (b === undefined) throw new Error(`no Windows-1250 byte for ${ch}`);
    return b;
  }));
}
