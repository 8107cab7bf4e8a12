import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, checkCharacter, checkParticipantCode, isParticipantCode, participantCode, participantCodes } from '../../src/domain/participant-code.ts';

const SECRET = 'pilot secret 2026, kept by the research team';

describe('participant codes: XXXX-XXXX with a Luhn mod 32 check character, generated from a secret', () => {
  it('the check character worked by hand', () => {
    // payload 0000001: from the right, '1' is doubled → 2; the rest are 0; sum 2 → check (32 − 2) mod 32 = 30 → 'Y'
    expect(checkCharacter('0000001')).toBe('Y');
    expect(isParticipantCode('0000-001Y')).toBe(true);
    // payload 0000010: '0' doubled, '1' undoubled → sum 1 → check 31 → 'Z'
    expect(checkCharacter('0000010')).toBe('Z');
    // payload ZZZZZZZ (31 each): doubled 62 → 1 + 30 = 31 (four times), undoubled 31 (three times) → 217 mod 32 = 25 → 7 → '7'
    expect(checkCharacter('ZZZZZZZ')).toBe('7');
  });

  it('the same secret and key give the same code; another secret or key another one', () => {
    const a = participantCode(SECRET, 'pilot:0201011:1');
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(isParticipantCode(a)).toBe(true);
    expect(participantCode(SECRET, 'pilot:0201011:1')).toBe(a);
    expect(participantCode(SECRET, 'pilot:0201011:2')).not.toBe(a);
    expect(participantCode(`${SECRET}!`, 'pilot:0201011:1')).not.toBe(a);
    expect(() => participantCode('short', 'x')).toThrow(/at least 16/);
  });

  it('catches every single mistyped character and almost every swap of neighbours', () => {
    const codes = participantCodes(SECRET, Array.from({ length: 200 }, (_, i) => `k${i}`));
    let substitutions = 0;
    let swaps = 0;
    let swapsMissed = 0;
    for (const code of codes) {
      const chars = code.replace('-', '').split('');
      const form = (c: string[]) => `${c.slice(0, 4).join('')}-${c.slice(4).join('')}`;
      for (let i = 0; i < 8; i++) {
        for (const x of CODE_ALPHABET) {
          if (x === chars[i]) continue;
          const c = [...chars];
          c[i] = x;
          substitutions++;
          expect(isParticipantCode(form(c))).toBe(false);
        }
        if (i < 7 && chars[i] !== chars[i + 1]) {
          const c = [...chars];
          [c[i], c[i + 1]] = [c[i + 1]!, c[i]!];
          swaps++;
          if (isParticipantCode(form(c))) swapsMissed++;
        }
      }
    }
    expect(substitutions).toBe(200 * 8 * 31);
    // Luhn mod N misses only the swap of the two characters whose values are 0 and N − 1 (0 and Z)
    expect(swapsMissed / swaps).toBeLessThan(0.01);
    expect(isParticipantCode(`00Z0-000${checkCharacter('00Z0000')}`)).toBe(true);
    expect(isParticipantCode(`0Z00-000${checkCharacter('00Z0000')}`)).toBe(true); // the blind spot, stated in the module
  });

  it('reads codes case-insensitively with spaces around, and says why a code is refused', () => {
    const a = participantCode(SECRET, 'x');
    expect(checkParticipantCode(` ${a.toLowerCase()} `)).toEqual({ ok: true, code: a });
    expect(checkParticipantCode(a.replace('-', ''))).toMatchObject({ ok: false, reason: /XXXX-XXXX/ });
    expect(checkParticipantCode('ABCD-EFGI')).toMatchObject({ ok: false, reason: /without I, L, O, U/ });
    const last = a.at(-1)!;
    const wrong = a.slice(0, -1) + CODE_ALPHABET[(CODE_ALPHABET.indexOf(last) + 1) % 32];
    expect(checkParticipantCode(wrong)).toMatchObject({ ok: false, reason: /check character/ });
  });
});
