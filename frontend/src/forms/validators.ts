import type { TFunction } from 'i18next';

export const MIN_PASSWORD = 10;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const requiredText = (t: TFunction) => (v: string) => (v.trim() === '' ? t('validation.required') : null);
export const validEmail = (t: TFunction) => (v: string) =>
  v.trim() === '' ? t('validation.required') : EMAIL.test(v.trim()) ? null : t('validation.email');
export const strongPassword = (t: TFunction) => (v: string) =>
  v.length < MIN_PASSWORD ? t('validation.passwordLength', { count: MIN_PASSWORD }) : null;
