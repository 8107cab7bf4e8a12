/**
 * The raw export read by a real SPSS-syntax client: GNU PSPP runs the exported .sps headless on the exported CSV,
 * saves what it read as a CSV of its own and lists the dictionary; the values and labels are compared with the
 * stored answers. Decimal-comma numbers (`1234,5`) must arrive as numbers, TERYT codes with their leading zero.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/io.ts';
import { findPspp, runPspp } from '../helpers/pspp.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { completeResponse } from '../helpers/responses.ts';
import { useDataDir } from '../cli/data-dir.ts';

const q = shippedQuestionnaire();
const data = useDataDir();
const hasPspp = findPspp();

describe.runIf(hasPspp)('SPSS syntax of the raw export, run by PSPP', () => {
  it('reads decimal-comma numbers, codes with leading zeros, Polish labels and the user-missing "nie wiem"', async () => {
    const rural = completeResponse(q, 'rural', 'management', 'P1');
    const urban = completeResponse(q, 'urban', 'operational', 'P2');
    const county = completeResponse(q, 'county', 'management', 'P3');
    const responses = [
      { ...rural, data: { ...rural.data, cuw: 'dont_know', n_schools: 7, comments: "Wiersz 1\r\nwiersz 2; 'cytat' \"w cudzysłowie\"" }, meta: { wave: 'w1', source: 'paper', durationSec: 1234.5 } },
      { ...urban, meta: { wave: 'w1', source: 'paper', durationSec: 0.25 } },
      { ...county, meta: { wave: 'w1', source: 'paper', durationSec: 600 } },
    ];
    const store = await data.open();
    await store.importResponses({ fileName: 'fixture', sha256: '0'.repeat(64) }, responses);
    await store.close();
    const out = join(data.dir, 'out');
    expect((await runCli(['export', '--out', out])).code).toBe(0);
    // the raw CSV holds the decimal comma the syntax must read
    expect(readFileSync(join(out, 'responses-all.csv'), 'utf8')).toContain(';1234,5;');

    writeFileSync(
      join(out, 'check.sps'),
      [
        "INCLUDE FILE='responses-all.sps'.",
        "SAVE TRANSLATE /OUTFILE='read-by-pspp.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=VALUES /TEXTOPTIONS DELIMITER=';' DECIMAL=DOT FORMAT=PLAIN.",
        'DISPLAY DICTIONARY /VARIABLES=jst_kind teryt cuw cuw_n duration_sec PRAWO1_imp comments.',
        '',
      ].join('\n'),
    );
    const run = runPspp('check.sps', out, join(out, 'listing.txt'));
    expect(run.output).toBe(''); // no warning about data PSPP could not read
    expect(run.status).toBe(0);

    const read = Papa.parse<Record<string, string>>(readFileSync(join(out, 'read-by-pspp.csv'), 'utf8'), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(read.map((r) => r.respondent_id)).toEqual(['P1', 'P2', 'P3']);
    expect(read.map((r) => Number(r.duration_sec))).toEqual([1234.5, 0.25, 600]);
    expect(read.map((r) => r.teryt)).toEqual(['0201022', '0201011', '0201000']);
    expect(read.map((r) => r.jst_kind)).toEqual(['rural', 'urban', 'county']);
    expect(read.map((r) => Number(r.n_schools))).toEqual([7, 12, 12]);
    expect(read.map((r) => Number(r.PRAWO1_imp))).toEqual([4, 4, 4]);
    expect(read[0]!.cuw).toBe('dont_know');
    expect(read[0]!.cuw_n).toBe('9');
    expect(read[0]!.comments).toBe("Wiersz 1 wiersz 2; 'cytat' \"w cudzysłowie\"");

    const listing = readFileSync(join(out, 'listing.txt'), 'utf8');
    for (const text of ['Kod TERYT', 'gmina wiejska', 'gmina miejsko-wiejska', 'miasto na prawach powiatu', 'nie wiem', 'czas wypełniania w sekundach']) expect(listing).toContain(text);
    expect(listing).toMatch(/9\[a\]\s*\|nie wiem/);
    expect(listing).toContain('User-missing value');
  });
});
