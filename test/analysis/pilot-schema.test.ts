/**
 * pilot-results.json has a JSON Schema (src/analysis/pilot-results.schema.json, from the TypeBox definition in
 * src/analysis/pilot/results-schema.ts): the committed file is the one the definition writes, the shipped
 * sample's results match it (checked with Ajv, independently of TypeBox), and a broken file is refused with the
 * first offending path named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { analyzePilot } from '../../src/analysis/pilot/analyze.ts';
import { checkPilotResults, pilotResultsSchemaText } from '../../src/analysis/pilot/results-schema.ts';
import { DEFAULT_PILOT_CONFIG } from '../../src/analysis/pilot/types.ts';
import { DiagError } from '../../src/errors.ts';
import { readPilotInput } from '../../src/pipeline/pilot.ts';
import { shippedPilotInstruments } from '../../src/questionnaire/instrument.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, 'data-samples', 'pilot');
const ref = (f: string) => ({ path: join(dir, f), cwd: dir });
const { input, inputs } = readPilotInput(
  { diagnosis: ref('pilot-diagnosis.csv'), register: ref('pilot-register.csv'), reaction: ref('pilot-reactions.csv'), post: ref('pilot-post.csv'), followup: ref('pilot-followup.csv') },
  { diagnosis: shippedQuestionnaire(), ...shippedPilotInstruments() },
);
/** the results as the file holds them */
const shipped = () => JSON.parse(JSON.stringify(analyzePilot(input, { config: DEFAULT_PILOT_CONFIG, inputs, date: new Date('2027-10-01T12:00:00Z') })));
const committedText = readFileSync(join(root, 'src/analysis/pilot-results.schema.json'), 'utf8');

function refusal(value: unknown): DiagError {
  try {
    checkPilotResults(value, 'pilot-results.json');
  } catch (e) {
    if (e instanceof DiagError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('the JSON Schema of pilot-results.json', () => {
  it('is committed as the TypeBox definition writes it (diag pilot analyze --print-schema)', () => {
    expect(committedText).toBe(pilotResultsSchemaText());
  });

  it('the shipped sample\'s results match it (Ajv on the committed file) and pass the check', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(committedText));
    const value = shipped();
    expect(validate(value), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(checkPilotResults(value, 'pilot-results.json').kind).toBe('pilot-evaluation');
  });

  it('refuses a broken file naming the first offending path, inside a cell that is figures or withheld', () => {
    const value = shipped();
    value.change[3].stats.n = 'seventeen';
    const e = refusal(value);
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toBe('pilot-results.json does not match the pilot results schema (made by another version of diag, or edited?): at /change/3/stats/n: Expected integer');
    expect(e.details[0]).toEqual({ file: 'pilot-results.json', column: '/change/3/stats/n', message: 'Expected integer' });
    const ajv = new Ajv({ strict: false }).compile(JSON.parse(committedText));
    expect(ajv(value)).toBe(false);
  });

  it('refuses a withheld cell that carries a figure, an unknown field and a missing table', () => {
    const a = shipped();
    a.reactions[0].result = { withheld: true, n: 3 };
    expect(refusal(a).details[0]!.column).toBe('/reactions/0/result/n');
    const b = shipped();
    b.config.suppression = 5;
    expect(refusal(b).details[0]!.column).toBe('/config/suppression');
    const c = shipped();
    delete c.attrition;
    expect(refusal(c).message).toMatch(/at \/attrition: Expected required property/);
  });

  it('refuses a file of another kind as not a pilot evaluation', () => {
    expect(refusal({ schemaVersion: '1.0' }).message).toMatch(/^pilot-results\.json is not a pilot evaluation \(expected pilot-results\.json from `diag pilot analyze`\): at \//);
    expect(refusal([]).code).toBe('INPUT_INVALID');
  });
});
