import { vi } from 'vitest';

/** What window.matchMedia answers in jsdom: on a phone, the max-width queries match. */
export function mediaQueryList(query: string, phone: boolean): MediaQueryList {
  return {
    matches: phone && query.includes('max-width'),
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  } as unknown as MediaQueryList;
}

/** Renders what follows as on a phone (true) or a desktop (false). */
export function setPhone(phone: boolean) {
  vi.mocked(window.matchMedia).mockImplementation((query: string) => mediaQueryList(query, phone));
}
