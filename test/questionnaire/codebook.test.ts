import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { formatCodebook } from '../../src/questionnaire/codebook-format.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { runCli } from '../helpers/io.ts';

const q = shippedQuestionnaire();
const variable = (name: string) => {
  const v = q.variables.find((x) => x.name === name);
  if (!v) throw new Error(`no variable ${name}`);
  return v;
};

describe('codebook variables', () => {
  it('codes each rated item twice, as importance and level of its area', () => {
    expect(variable('DANE1_imp')).toMatchObject({ question: 'DANE', type: 'scale', area: 'DANE', measure: 'importance', item: 'DANE1', min: 1, max: 5 });
    expect(variable('DANE1_lvl')).toMatchObject({ area: 'DANE', measure: 'level', item: 'DANE1' });
    expect(variable('DANE1_imp').label.pl).toContain('Systemu Informacji Oświatowej');
    expect(variable('DANE1_imp').label.pl).toContain('znaczenie');
    expect(variable('DANE1_imp').values?.map((v) => v.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('codes a checkbox as one 0/1 dichotomy per choice, "none" included', () => {
    const kcNow = q.variables.filter((v) => v.question === 'kc_now').map((v) => v.name);
    expect(kcNow).toContain('kc_now_process_support');
    expect(kcNow).toContain('kc_now_none');
    expect(variable('kc_now_none')).toMatchObject({ type: 'dichotomy', choice: 'none' });
    expect(variable('kc_now_none').values?.map((v) => v.value)).toEqual([1, 0]);
  });

  it('labels categorical values in Polish and English', () => {
    const kind = variable('jst_kind');
    expect(kind.type).toBe('categorical');
    expect(kind.values?.find((v) => v.value === 'city_county')?.label).toEqual({ pl: 'miasto na prawach powiatu', en: 'city with county rights' });
  });

  it.each([
    { name: 'ZAWOD1_imp', kinds: ['city_county', 'county'], groups: ['management', 'operational'] },
    { name: 'SIEC3_lvl', kinds: ['rural', 'urban_rural'], groups: ['management', 'operational'] },
    { name: 'PRZED1_imp', kinds: ['rural', 'urban_rural', 'urban', 'city_county'], groups: ['management', 'operational'] },
    { name: 'INKL4_imp', kinds: ['city_county', 'county'], groups: ['management', 'operational'] },
    { name: 'STRAT4_imp', kinds: ['rural', 'urban_rural', 'urban', 'city_county', 'county'], groups: ['management'] },
    { name: 'STRAT5_lvl', kinds: ['rural', 'urban_rural', 'urban', 'city_county', 'county'], groups: ['operational'] },
    { name: 'tasks_transport', kinds: ['rural', 'urban_rural', 'urban', 'city_county'], groups: ['management', 'operational'] },
    { name: 'tasks_vocational', kinds: ['city_county', 'county'], groups: ['management', 'operational'] },
    { name: 'DANE1_imp', kinds: ['rural', 'urban_rural', 'urban', 'city_county', 'county'], groups: ['management', 'operational'] },
  ])('$name is shown to JST kinds $kinds and staff groups $groups', ({ name, kinds, groups }) => {
    expect(variable(name).visibility.jstKinds).toEqual(kinds);
    expect(variable(name).visibility.staffGroups).toEqual(groups);
  });

  it('cities with county rights see both the gmina and the county items', () => {
    const seen = q.variables.filter((v) => v.visibility.jstKinds.includes('city_county')).map((v) => v.name);
    expect(seen).toContain('PRZED1_imp');
    expect(seen).toContain('ZAWOD1_imp');
    expect(seen).toContain('INKL3_imp');
    expect(seen).toContain('INKL4_imp');
  });
});

describe('codebook output', () => {
  it('CSV opens in a Polish Excel: BOM, semicolons, Polish letters intact, one row per variable', () => {
    const csv = formatCodebook(q, 'csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, delimiter: ';', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.length).toBe(q.variables.length + 6);
    const row = parsed.data.find((r) => r.name === 'ZAWOD2_lvl');
    expect(row).toMatchObject({ area: 'ZAWOD', measure: 'level', jst_kinds: 'city_county county', staff_groups: 'all', type: 'scale' });
    expect(row?.label_pl).toBe('Współpracuję z pracodawcami przy kształceniu zawodowym i praktykach: poziom');
  });

  it('JSON carries the areas, system columns and every variable', () => {
    const json = JSON.parse(formatCodebook(q, 'json'));
    expect(json.areas).toHaveLength(q.areas.length);
    expect(json.system.map((s: { name: string }) => s.name)).toContain('duration_sec');
    expect(json.variables).toHaveLength(q.variables.length);
    expect(json.questionnaire.sha256).toBe(q.hash);
  });

  it('Markdown lists the areas and each variable with its labels', () => {
    const md = formatCodebook(q, 'md');
    expect(md).toContain('| DANE | Analiza danych oświatowych | Analysing education data |');
    expect(md).toMatch(/\| `DANE1_imp` \| scale \|/);
  });

  it('`diag codebook --format csv` prints the CSV; a bad format is a usage error', async () => {
    const ok = await runCli(['codebook', '--format', 'csv']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('name;question;type;label_pl');
    const bad = await runCli(['codebook', '--format', 'xml']);
    expect(bad.code).toBe(64);
    expect(bad.err).toContain('--format must be one of json, csv, md, got "xml"');
  });

  it('every command answers --help', async () => {
    for (const command of ['codebook', 'validate', 'synth', 'demo']) {
      const r = await runCli([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`diag ${command}`);
      expect(r.out).toContain('Options:');
    }
  });
});
