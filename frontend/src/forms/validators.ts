import type { TFunction } from 'i18next';

export const MIN_PASSWORD = 10;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether v looks like an email address (the server checks it for good). */
export const isEmail = (v: string) => EMAIL.test(v.trim());

export const requiredText = (t: TFunction) => (v: string) => (v.trim() === '' ? t('validation.required') : null);
export const validEmail = (t: TFunction) => (v: string) =>
  v.trim() === '' ? t('validation.required') : isEmail(v) ? null : t('validation.email');
/** An email address that may be left empty. */
export const optionalEmail = (t: TFunction) => (v: string) => (v.trim() === '' || isEmail(v) ? null : t('validation.email'));
export const strongPassword = (t: TFunction) => (v: string) =>
  v.length < MIN_PASSWORD ? t('validation.passwordLength', { count: MIN_PASSWORD }) : null;
