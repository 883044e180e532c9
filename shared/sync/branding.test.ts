import { describe, expect, it } from 'vitest';
import { BrandColoursSchema, contrastProblem, DEFAULT_BRAND_COLOURS, EventBrandingSchema } from './branding';

describe('brand colours', () => {
  it("accepts the kiosk's own colours and lower-cases what it keeps", () => {
    expect(contrastProblem(DEFAULT_BRAND_COLOURS)).toBeNull();
    const parsed = BrandColoursSchema.parse({ ...DEFAULT_BRAND_COLOURS, background: '#4A0E4E' });
    expect(parsed.background).toBe('#4a0e4e');
  });

  it('refuses each pair under WCAG AA, naming both colours and the ratio', () => {
    const refused = (change: Partial<typeof DEFAULT_BRAND_COLOURS>) =>
      BrandColoursSchema.safeParse({ ...DEFAULT_BRAND_COLOURS, ...change }).error?.issues[0]?.message;
    expect(refused({ background: '#777777' })).toBe(
      'text #ffffff on background #777777 has a contrast of 4.47:1; WCAG AA needs at least 4.5:1',
    );
    expect(refused({ accent: '#ff69b4' })).toBe(
      'onAccent #0b3a63 on accent #ff69b4 has a contrast of 4.40:1; WCAG AA needs at least 4.5:1',
    );
    // Dark buttons on a dark screen: readable labels, but the buttons vanish (1.4.11).
    expect(refused({ accent: '#1d4f7a', onAccent: '#ffffff' })).toBe(
      'accent #1d4f7a on background #0b3a63 has a contrast of 1.36:1; WCAG AA needs at least 3:1',
    );
    expect(refused({ primary: '#3a8fd6' })).toBe(
      'white text #ffffff on primary #3a8fd6 has a contrast of 3.45:1; WCAG AA needs at least 4.5:1',
    );
  });

  it('refuses what is not #rrggbb, so nothing else can reach CSS', () => {
    for (const bad of ['#08f', 'red', '#0b3a63; background: url(x)', 'var(--x)']) {
      expect(
        BrandColoursSchema.safeParse({ ...DEFAULT_BRAND_COLOURS, text: bad }).error?.issues[0]?.message,
      ).toBe('write a colour as #rrggbb');
    }
  });

  it('keeps a branding with no colours and no images', () => {
    expect(EventBrandingSchema.parse({ colours: null, logo: null, attract: [] })).toEqual({
      colours: null,
      logo: null,
      attract: [],
    });
  });
});
