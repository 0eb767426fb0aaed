import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { changeLanguage, isLanguage, storedLanguage, type Language } from '../i18n';
import { meQueryKey, useAuth, useMe } from './useAuth';

/** The UI language and a setter that also saves it on the user's profile when signed in. */
export function useLanguage() {
  const { i18n } = useTranslation();
  const { isAuthenticated } = useAuth();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (locale: Language) => unwrap(api.PATCH('/api/v1/me', { body: { locale } })),
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
  const language: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';

  const setLanguage = async (next: Language) => {
    await changeLanguage(next);
    if (isAuthenticated) save.mutate(next);
  };
  return { language, setLanguage };
}

/** When this browser has no explicit choice yet, adopt the language saved on the user's profile. */
export function useProfileLanguage(): void {
  const { data } = useMe();
  const locale = data?.user?.locale;
  useEffect(() => {
    if (locale && isLanguage(locale) && !storedLanguage()) void changeLanguage(locale, false);
  }, [locale]);
}
